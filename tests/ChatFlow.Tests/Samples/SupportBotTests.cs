using ChatFlow.Testing;
using ShopBot;

namespace ChatFlow.Tests.Samples;

/// <summary>The sample's second bot: instructions, a complaint form, feedback, and hand-offs to an operator.</summary>
public sealed class SupportBotTests
{
    [Fact]
    public async Task Instructions_AndComplaintForm_WorkAndReturnToTheMenu()
    {
        await using var t = new ChatTester(SupportScenario.Create());
        (await t.SendAsync("/start")).ShouldReply("ChatFlow Shop support").ShouldOfferButtons("Instructions", "Complaint", "Feedback", "Call an operator");
        await t.PressAsync("Instructions");
        (await t.PressAsync("Espresso")).ShouldReply("18 g").ShouldBeAt("instructions");
        await t.PressAsync("Menu");

        await t.PressAsync("Complaint");
        (await t.SendAsync("no idea")).ShouldReply("digits only").ShouldBeAt("complaint/order");
        (await t.SendAsync("1042")).ShouldReply("What went wrong?");
        (await t.SendAsync("The mug arrived broken")).ShouldReply("complaint is registered").ShouldBeAt("menu");
        t.ShouldHaveValue("order", 1042L).ShouldHaveValue("problem", "The mug arrived broken");
        Assert.Equal(ConversationMode.Bot, t.State!.Mode);
    }

    [Fact]
    public async Task BadFeedback_HandsTheConversationToAnOperator()
    {
        string? reason = null;
        await using var t = new ChatTester(SupportScenario.Create(), b => b.Configure(o => o.OnHandOff = (_, why, _) =>
        {
            reason = why;
            return ValueTask.CompletedTask;
        }));
        await t.SendAsync("/start");
        await t.PressAsync("Feedback");

        (await t.PressAsync("Bad")).ShouldReply("An operator will write to you here");

        Assert.Equal(ConversationMode.Operator, t.State!.Mode);
        Assert.Equal("bad feedback", reason);
        (await t.SendAsync("hello?")).ShouldNotReply();
    }

    [Fact]
    public async Task GoodFeedback_ThanksAndStaysWithTheBot()
    {
        await using var t = new ChatTester(SupportScenario.Create());
        await t.SendAsync("/start");
        await t.PressAsync("Feedback");
        (await t.PressAsync("Good")).ShouldReply("Thank you!").ShouldBeAt("menu");
        Assert.Equal(ConversationMode.Bot, t.State!.Mode);
    }

    [Fact]
    public async Task SecondMessageInARowNotUnderstood_HandsOff_AnUnderstoodOneInBetweenStartsOver()
    {
        await using var t = new ChatTester(SupportScenario.Create());
        await t.SendAsync("/start");

        (await t.SendAsync("asdf qwerty")).ShouldReply("didn't understand").ShouldOfferButtons("Instructions", "Complaint", "Feedback", "Call an operator");
        await t.PressAsync("Instructions");
        await t.PressAsync("Menu");
        (await t.SendAsync("zxcv")).ShouldReply("didn't understand");
        Assert.Equal(ConversationMode.Bot, t.State!.Mode);
        Assert.Equal(2, t.State.FallbackCount);

        (await t.SendAsync("zxcv again")).ShouldReply("ask a colleague");
        Assert.Equal(ConversationMode.Operator, t.State!.Mode);
    }

    [Fact]
    public async Task CallAnOperator_WorksInsideTheComplaintForm()
    {
        await using var t = new ChatTester(SupportScenario.Create());
        await t.SendAsync("/start");
        await t.PressAsync("Complaint");
        (await t.SendAsync("Operator")).ShouldReply("Connecting you to an operator");
        Assert.Equal(ConversationMode.Operator, t.State!.Mode);
    }
}
