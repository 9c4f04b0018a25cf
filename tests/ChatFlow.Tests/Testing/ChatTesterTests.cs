using ChatFlow;
using ChatFlow.Testing;

namespace ChatFlow.Tests.Testing;

public class ChatTesterTests
{
    private static Scenario Simple() => Scenario.Define("t", s => s.Step("a").Say("Hello", Buttons.Rows(["One"])).OnButton("One").Say("1").Stay());

    [Fact]
    public async Task FailedAssertion_PrintsTheTranscript()
    {
        await using var t = new ChatTester(Simple());
        await t.SendAsync("hi");
        var ex = Assert.Throws<ChatAssertionException>(() => t.ShouldReply("Goodbye"));
        Assert.Contains("Expected a reply containing \"Goodbye\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("> hi", ex.Message, StringComparison.Ordinal);
        Assert.Contains("< Hello  [One]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Step: a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PressingAMissingButton_Fails()
    {
        await using var t = new ChatTester(Simple());
        await t.SendAsync("hi");
        var ex = await Assert.ThrowsAsync<ChatAssertionException>(() => t.PressAsync("Two"));
        Assert.Contains("offers: [One]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherConversations_AreIndependent()
    {
        await using var t = new ChatTester(Simple());
        var other = t.Other("2");
        await t.SendAsync("hi");
        (await other.SendAsync("hi")).ShouldReply("Hello");
        (await t.PressAsync("One")).ShouldReply("1");
        Assert.Single(other.Replies);
        Assert.Throws<ChatAssertionException>(() => other.ShouldBeAt("b"));
        Assert.Throws<ChatAssertionException>(() => t.ShouldHaveValue("x", 1L));
        Assert.Throws<ChatAssertionException>(() => t.ShouldNotReply());
        Assert.Throws<ChatAssertionException>(() => t.ShouldOfferButtons("Two"));
    }
}
