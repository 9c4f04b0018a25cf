using ChatFlow;
using ChatFlow.Testing;

namespace ChatFlow.Tests.Scenarios;

public class RuleMatchingTests
{
    private static Scenario Menu() => Scenario.Define("t", s =>
    {
        s.Always()
            .OnCommand("start").GoTo("menu")
            .OnCommand("help").Say("global help").Stay()
            .OnText("hello").Say("global hello").Stay()
            .Otherwise().Say("global fallback");
        s.Step("menu")
            .Say("Menu", Buttons.Rows(["Catalog"], ["Go"]))
            .OnButton("Catalog").Say("catalog!").Stay()
            .OnText("hello", "hi there").Say("step hello").Stay()
            .OnRegex(@"^order (\d+)$").Do((c, _) =>
            {
                c.Say("ordering " + c.Match!.Groups[1].Value);
                return default;
            }).Stay()
            .OnContact().Say("contact!").Stay()
            .OnLocation().Say("location!").Stay()
            .OnMedia(MediaKind.Photo).Say("photo!").Stay()
            .When("vip", c => c.User.Id == "vip").Say("vip!").Stay()
            .OnButton("Go").GoTo("other");
        s.Step("other")
            .Say("Other")
            .OnAnyText().Say("any text").Back()
            .Otherwise().Say("step fallback");
    });

    [Fact]
    public async Task FreshConversation_UnmatchedMessage_GetsTheStartStep()
    {
        await using var t = new ChatTester(Menu());
        (await t.SendAsync("whatever")).ShouldReply("Menu").ShouldOfferButtons("Catalog", "Go").ShouldBeAt("menu");
        Assert.Equal(DispatchStatus.Handled, t.LastResult.Status);
    }

    [Fact]
    public async Task StepRules_WinOverGlobalRules()
    {
        await using var t = new ChatTester(Menu());
        await t.SendAsync("/start");
        (await t.SendAsync("  HELLO  ")).ShouldReply("step hello");
        (await t.SendAsync("hi   there")).ShouldReply("step hello");
        (await t.SendAsync("/help")).ShouldReply("global help");
    }

    [Fact]
    public async Task Button_MatchesPressAndTypedLabel()
    {
        await using var t = new ChatTester(Menu());
        await t.SendAsync("/start");
        (await t.PressAsync("Catalog")).ShouldReply("catalog!");
        (await t.SendAsync("catalog")).ShouldReply("catalog!");
        (await t.SendAsync(new ButtonContent("Catalog"))).ShouldReply("catalog!");
    }

    [Fact]
    public async Task ContentRules_MatchTheirKinds()
    {
        await using var t = new ChatTester(Menu());
        await t.SendAsync("/start");
        (await t.SendAsync("order 42")).ShouldReply("ordering 42");
        (await t.ShareContactAsync("+79991234567")).ShouldReply("contact!");
        (await t.ShareLocationAsync(55.75, 37.61)).ShouldReply("location!");
        (await t.SendAsync(new MediaContent(MediaKind.Photo, "file-1"))).ShouldReply("photo!");
        (await t.SendAsync(new MediaContent(MediaKind.Voice, "file-2"))).ShouldReply("global fallback");
    }

    [Fact]
    public async Task Predicate_SeesTheUser()
    {
        await using var t = new ChatTester(Menu());
        var vip = t.Other("vip");
        await vip.SendAsync("/start");
        (await vip.SendAsync("something")).ShouldReply("vip!");
        await t.SendAsync("/start");
        (await t.SendAsync("something")).ShouldReply("global fallback");
    }

    [Fact]
    public async Task Fallbacks_StepFirstThenGlobal_AndCounted()
    {
        await using var t = new ChatTester(Menu());
        await t.SendAsync("/start");
        (await t.SendAsync("gibberish")).ShouldReply("global fallback");
        Assert.Equal(DispatchStatus.Fallback, t.LastResult.Status);
        await t.PressAsync("Go");
        t.ShouldBeAt("other");
        (await t.ShareLocationAsync(1, 2)).ShouldReply("step fallback");
        Assert.Equal(2, t.State!.FallbackCount);
    }

    [Fact]
    public async Task Back_ReturnsToThePreviousStep()
    {
        await using var t = new ChatTester(Menu());
        await t.SendAsync("/start");
        await t.PressAsync("Go");
        (await t.SendAsync("anything")).ShouldReply("any text").ShouldReply("Menu").ShouldBeAt("menu");
    }

    [Fact]
    public async Task GlobalGoToCurrentStep_EntersItAgain()
    {
        await using var t = new ChatTester(Menu());
        await t.SendAsync("/start");
        (await t.SendAsync("/start")).ShouldReply("Menu").ShouldBeAt("menu");
        Assert.Single(t.Replies);
    }

    [Fact]
    public async Task NoFallbackAnywhere_UsesTheDefaultReply()
    {
        var scenario = Scenario.Define("t", s => s.Step("a").Say("A").OnText("x").Stay());
        await using var t = new ChatTester(scenario, b => b.Configure(o => o.DidNotUnderstand = "Eh?"));
        await t.SendAsync("x");
        (await t.SendAsync("y")).ShouldReply("Eh?");
        Assert.Equal(DispatchStatus.Fallback, t.LastResult.Status);
    }
}
