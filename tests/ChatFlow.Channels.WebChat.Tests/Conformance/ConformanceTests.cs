using ChatFlow.Testing.Conformance;

namespace ChatFlow.Channels.WebChat.Tests.Conformance;

/// <summary>The channel conformance kit against the web chat, read back over HTTP as a visitor's browser reads it.</summary>
public sealed class ConformanceTests
{
    /// <summary>
    /// The send checks that apply to the web chat. Left out:
    /// <list type="bullet">
    /// <item><c>send-rate-limited</c>, <c>send-server-error</c>, <c>send-malformed-answer</c>: a reply is appended to the
    /// visitor's log in this process; there is no platform API in between that could be rate-limited, be down or answer
    /// in another format.</item>
    /// <item><c>send-user-blocked</c>: a visitor cannot block the bot, and the channel cannot tell a visitor the store has
    /// forgotten (beyond <see cref="WebChatOptions.MaxVisitors"/>, or every visitor after a restart, the logs being in
    /// memory) from one it has not seen yet: the signed token stays valid and the reply waits in a new log that the
    /// widget shows when it loads, so <c>Unreachable</c> would be wrong.</item>
    /// </list>
    /// The web chat has no webhook (visitors post to its own API, covered by the API tests), so no webhook check applies.
    /// </summary>
    public static TheoryData<string> Checks => [.. ChannelConformance.SendChecks.Except(
    [
        "send-rate-limited",
        "send-server-error",
        "send-user-blocked",
        "send-malformed-answer",
    ])];

    [Theory]
    [MemberData(nameof(Checks))]
    public Task WebChat_Conforms(string check) => ChannelConformance.RunAsync(check, () => new WebChatHarness());

    [Fact]
    public void Checks_LeaveOutOnlyThePlatformFailures()
    {
        Assert.Equal(
            ["send-text", "send-longest-text", "send-reply-buttons", "send-callback-buttons", "send-url-button", "send-cancelled"],
            Checks.Cast<object[]>().Select(row => (string)row[0]).ToList());
    }
}
