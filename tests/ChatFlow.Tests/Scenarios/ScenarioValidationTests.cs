using ChatFlow;

namespace ChatFlow.Tests.Scenarios;

public class ScenarioValidationTests
{
    [Fact]
    public void Build_UnknownTarget_NamesTheStep()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s =>
            s.Step("menu").OnButton("Order").GoTo("ordr")));
        Assert.Contains("step 'menu'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown step 'ordr'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnreachableStep_IsReported()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s =>
        {
            s.Step("menu").OnText("x").Stay();
            s.Step("island").OnText("y").GoTo("menu");
        }));
        Assert.Contains("step 'island': cannot be reached", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EntryPoint_IsNotUnreachable()
    {
        var scenario = Scenario.Define("shop", s =>
        {
            s.Step("menu").OnText("x").Stay();
            s.Step("island").EntryPoint().OnText("y").GoTo("menu");
        });
        Assert.Contains("island", scenario.Steps);
    }

    [Fact]
    public void Build_StepWithNoWayOut_IsReported()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s =>
        {
            s.Step("menu").OnText("thanks").GoTo("done");
            s.Step("done").Say("Bye");
        }));
        Assert.Contains("step 'done': has no way out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DuplicateRules_AreReported()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s =>
            s.Step("menu").OnButton("Order").Stay().OnText("order", "buy").Stay()));
        Assert.Contains("match the same input", ex.Message, StringComparison.Ordinal);
        Assert.Contains("step 'menu'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DuplicateGlobalRules_AreReported()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s =>
        {
            s.Always().OnCommand("start").GoTo("menu").OnCommand("/Start").GoTo("menu");
            s.Step("menu").OnText("x").Stay();
        }));
        Assert.Contains("global rules", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RunWithoutThen_IsReported()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s => s.Step("menu").Run("faq")));
        Assert.Contains("does not say where to continue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ListsEveryProblem()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s =>
        {
            s.Step("menu").OnText("a").GoTo("nowhere").OnText("b").GoTo("nothing");
        }));
        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public void Build_FormGiveUpThatStays_IsReported()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenario.Define("shop", s =>
        {
            s.Step("menu").OnText("go").GoTo("f");
            s.Form("f", f => f.Ask("n", "N?", Input.Text()).OnGiveUp().Say("again").Stay());
        }));
        Assert.Contains("OnGiveUp() must leave the form", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltScenario_CannotChange()
    {
        var builder = new ScenarioBuilder("shop");
        var menu = builder.Step("menu").OnText("x").Stay();
        builder.Build();
        Assert.Throws<InvalidOperationException>(() => menu.OnText("y").Stay());
        Assert.Throws<InvalidOperationException>(() => builder.Step("other"));
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Theory]
    [InlineData("(x)")]
    [InlineData("a/b")]
    public void Step_ReservedNames_AreRejected(string name)
    {
        Assert.Throws<ArgumentException>(() => new ScenarioBuilder("s").Step(name));
    }

    [Fact]
    public void ToMermaid_UsesValidIdsAndReadableLabels()
    {
        var mermaid = ShopBot.ShopScenario.Create().ToMermaid();
        Assert.StartsWith("stateDiagram-v2", mermaid, StringComparison.Ordinal);
        Assert.Contains("state \"order/name\" as order_name", mermaid, StringComparison.Ordinal);
        Assert.Contains("menu --> order : button: Order", mermaid, StringComparison.Ordinal);
        Assert.Contains("order_name --> order_phone : answer", mermaid, StringComparison.Ordinal);
        Assert.Contains("any_step --> menu : /start", mermaid, StringComparison.Ordinal);
        Assert.Contains("order --> order : after 10m", mermaid, StringComparison.Ordinal);

        // Every transition line uses ids only made of letters, digits and underscores.
        foreach (var line in mermaid.Split('\n').Where(l => l.Contains("-->", StringComparison.Ordinal)))
        {
            var ends = line.Split(" : ")[0].Split("-->").Select(p => p.Trim());
            Assert.All(ends, id => Assert.Matches("^(\\[\\*\\]|[A-Za-z_][A-Za-z0-9_]*)$", id));
        }
    }

    [Fact]
    public void ToDot_DrawsEveryStep()
    {
        var scenario = ShopBot.ShopScenario.Create();
        var dot = scenario.ToDot();
        Assert.StartsWith("digraph", dot.TrimStart(), StringComparison.Ordinal);
        Assert.All(scenario.Steps, step => Assert.Contains(step, dot, StringComparison.Ordinal));
        Assert.Contains("button: Catalog", dot, StringComparison.Ordinal);
    }
}
