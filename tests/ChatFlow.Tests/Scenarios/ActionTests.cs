using ChatFlow;
using ChatFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFlow.Tests.Scenarios;

public class ActionTests
{
    [Fact]
    public async Task End_StartsOverWithTheNextMessage()
    {
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("a").Say("A").OnText("bye").Say("Bye!").End();
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("hi");
        (await t.SendAsync("bye")).ShouldReply("Bye!").ShouldBeAt(null);
        (await t.SendAsync("hello again")).ShouldReply("A").ShouldBeAt("a");
    }

    [Fact]
    public async Task FinalStep_EndsAfterItsReplies()
    {
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("a").Say("A").OnText("done").GoTo("thanks");
            s.Step("thanks").Say("Thanks!").End();
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("hi");
        (await t.SendAsync("done")).ShouldReply("Thanks!").ShouldBeAt(null);
    }

    [Fact]
    public async Task Then_ContinuesAutomatically()
    {
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("a").Say("A").OnText("go").GoTo("notice");
            s.Step("notice").Say("Notice").Then("a");
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("hi");
        (await t.SendAsync("go")).ShouldReply("Notice").ShouldReply("A").ShouldBeAt("a");
        Assert.Equal(["Notice", "A"], t.Replies.Select(r => r.Text));
    }

    [Fact]
    public async Task ThenLoop_FailsWithClearError_AndConversationKeepsState()
    {
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("a").Say("A").OnText("go").GoTo("x");
            s.Step("x").Then("y");
            s.Step("y").Then("x");
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("hi");
        (await t.SendAsync("go")).ShouldReply("Sorry, something went wrong").ShouldBeAt("a");
        Assert.Equal(DispatchStatus.Failed, t.LastResult.Status);
    }

    [Fact]
    public async Task Do_ReachesServicesValuesAndCanRedirect()
    {
        var services = new ServiceCollection().AddSingleton(new Greeter("Welcome")).BuildServiceProvider();
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("a").Say("A")
                .OnAnyText().Do(async (c, ct) =>
                {
                    await Task.Yield();
                    c.Values.Set("last", c.Message.Text!);
                    c.Say(c.Service<Greeter>().Text + ", " + c.User.DisplayName);
                    if (c.Message.Text == "vip")
                    {
                        c.GoTo("vip");
                    }
                }).Stay();
            s.Step("vip").EntryPoint().Say("VIP lounge").OnAnyText().GoTo("a");
        });
        await using var t = new ChatTester(scenario, b => b.UseServices(services));
        await t.SendAsync("/start");
        (await t.SendAsync("hello")).ShouldReply("Welcome, Test User").ShouldBeAt("a").ShouldHaveValue("last", "hello");
        (await t.SendAsync("vip")).ShouldReply("VIP lounge").ShouldBeAt("vip");
    }

    [Fact]
    public async Task HandOffFromCode_HandsOffInsteadOfGoingWhereTheRuleSays()
    {
        var handedOff = new List<string>();
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("menu").Say("Menu")
                .OnRegex(@"^order (\d+)$").Do((c, _) =>
                {
                    if (int.Parse(c.Match!.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 100)
                    {
                        c.Say("A manager will take this order.");
                        c.HandOff("large order");
                    }

                    return default;
                }).GoTo("done");
            s.Step("done").Say("Done").After(TimeSpan.FromMinutes(5)).Say("Still there?").Stay().OnText("x").Stay();
        });
        await using var t = new ChatTester(scenario, b => b.Configure(o => o.OnHandOff = (_, reason, _) =>
        {
            handedOff.Add(reason);
            return default;
        }));
        await t.SendAsync("/start");

        (await t.SendAsync("order 500")).ShouldReply("A manager will take this order.").ShouldBeAt("menu");
        Assert.Equal(DispatchStatus.HandedOff, t.LastResult.Status);
        Assert.Equal(ConversationMode.Operator, t.State!.Mode);
        Assert.Equal(["large order"], handedOff);
        Assert.DoesNotContain(t.Replies, r => r.Text == "Done");

        var other = t.Other("2");
        await other.SendAsync("/start");
        (await other.SendAsync("order 5")).ShouldReply("Done").ShouldBeAt("done");
        Assert.Equal(ConversationMode.Bot, other.State!.Mode);
    }

    [Fact]
    public async Task FallbacksInARow_CountsMisunderstandingsAndWrongAnswers_AnUnderstoodMessageResetsIt()
    {
        var seen = new List<int>();
        var scenario = Scenario.Define("t", s =>
        {
            s.Always().Otherwise().Do((c, _) =>
            {
                seen.Add(c.FallbacksInARow);
                c.Say("?");
                return default;
            });
            s.Step("menu").Say("Menu").OnText("age").GoTo("age").OnText("x").Stay();
            s.Form("age", f => f.Ask("age", "Age?", Input.Integer(0, 150)).Then("menu"));
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("/start");

        await t.SendAsync("what");
        await t.SendAsync("huh");
        Assert.Equal([1, 2], seen);
        Assert.Equal(2, t.State!.FallbacksInARow);

        await t.SendAsync("x");
        Assert.Equal(0, t.State!.FallbacksInARow);
        Assert.Equal(2, t.State.FallbackCount);

        await t.SendAsync("age");
        await t.SendAsync("old");
        Assert.Equal(1, t.State!.FallbacksInARow);
        (await t.SendAsync("42")).ShouldBeAt("menu");
        Assert.Equal(0, t.State!.FallbacksInARow);
        Assert.Equal(3, t.State.FallbackCount);
    }

    [Fact]
    public async Task HandOff_SilencesTheBotUntilReturned()
    {
        var forwarded = new List<string>();
        var handedOff = new List<string>();
        var scenario = Scenario.Define("t", s =>
        {
            s.Always().OnButton("Call an operator").Say("An operator will write to you.").HandOff("asked for a human");
            s.Step("menu").Say("Menu").OnText("x").Stay();
        });
        await using var t = new ChatTester(scenario, b => b.Configure(o =>
        {
            o.OnHandOff = (c, reason, _) =>
            {
                handedOff.Add(reason);
                return default;
            };
            o.OnOperatorMessage = (c, _) =>
            {
                forwarded.Add(c.Message.Text!);
                return default;
            };
        }));
        await t.SendAsync("/start");
        (await t.SendAsync("call an operator")).ShouldReply("An operator will write to you.");
        Assert.Equal(DispatchStatus.HandedOff, t.LastResult.Status);
        Assert.Equal(ConversationMode.Operator, t.State!.Mode);
        (await t.SendAsync("my order is broken")).ShouldNotReply();
        Assert.Equal(["my order is broken"], forwarded);
        Assert.Equal(["asked for a human"], handedOff);

        await t.Bot.ReturnToBotAsync(t.Address);
        Assert.Equal("Menu", t.Channel.SentTo(t.Address)[^1].Message.Text);
        (await t.SendAsync("x")).ShouldBeAt("menu");
        Assert.Equal(ConversationMode.Bot, t.State!.Mode);
    }

    [Fact]
    public async Task SubScenario_RunsAndContinuesWhenItEnds()
    {
        var faq = Scenario.Define("faq", s =>
        {
            s.Step("q").Say("Ask me", Buttons.Rows(["Hours", "Done"]))
                .OnButton("Hours").Say("9 to 18").Stay()
                .OnButton("Done").End();
        });
        var main = Scenario.Define("main", s =>
        {
            s.Step("menu").Say("Menu").OnText("faq").GoTo("help");
            s.Step("help").Run("faq").Then("thanks");
            s.Step("thanks").Say("Glad to help").Then("menu");
        });
        await using var t = new ChatTester(main, b => b.AddScenario(faq));
        await t.SendAsync("hi");
        (await t.SendAsync("faq")).ShouldReply("Ask me").ShouldBeAt("q");
        Assert.Equal("faq", t.State!.Scenario);
        (await t.PressAsync("Hours")).ShouldReply("9 to 18");
        (await t.PressAsync("Done")).ShouldReply("Glad to help").ShouldReply("Menu").ShouldBeAt("menu");
        Assert.Equal("main", t.State!.Scenario);
        Assert.Empty(t.State.CallStack);
    }

    [Fact]
    public void SubScenario_NotAdded_FailsAtBuild()
    {
        var main = Scenario.Define("main", s => s.Step("help").Run("faq").Then("help"));
        var ex = Assert.Throws<InvalidOperationException>(() => ChatBot.Create(b => b.AddScenario(main)));
        Assert.Contains("'faq'", ex.Message, StringComparison.Ordinal);
    }

    private sealed record Greeter(string Text);
}
