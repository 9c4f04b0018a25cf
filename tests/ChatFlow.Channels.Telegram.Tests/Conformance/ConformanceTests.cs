using ChatFlow.Testing.Conformance;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>The channel conformance kit against the Telegram channel and its webhook, over a fake Bot API.</summary>
public sealed class ConformanceTests
{
    /// <summary>Every send check: Telegram has reply, inline and link buttons, so all of them apply.</summary>
    public static TheoryData<string> SendChecks => [.. ChannelConformance.SendChecks];

    /// <summary>Every webhook check: Telegram posts updates to a webhook authenticated by a secret header.</summary>
    public static TheoryData<string> WebhookChecks => [.. ChannelConformance.WebhookChecks];

    [Theory]
    [MemberData(nameof(SendChecks))]
    public Task Send_Conforms(string check) => ChannelConformance.RunAsync(check, () => new TelegramHarness());

    [Theory]
    [MemberData(nameof(WebhookChecks))]
    public Task Webhook_Conforms(string check) => ChannelConformance.RunAsync(check, () => new TelegramHarness());
}
