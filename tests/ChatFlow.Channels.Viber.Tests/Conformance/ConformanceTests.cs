using ChatFlow.Testing.Conformance;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>The channel conformance kit against the Viber channel and a fake Viber API.</summary>
public sealed class ConformanceTests
{
    /// <summary>Every send check: Viber has reply and inline (silent reply) keyboards and link buttons.</summary>
    public static TheoryData<string> SendChecks => [.. ChannelConformance.SendChecks];

    /// <summary>Every webhook check: Viber delivers updates by webhook only.</summary>
    public static TheoryData<string> WebhookChecks => [.. ChannelConformance.WebhookChecks];

    [Theory]
    [MemberData(nameof(SendChecks))]
    public Task Send_Conforms(string check) => ChannelConformance.RunAsync(check, () => new ViberConformanceHarness());

    [Theory]
    [MemberData(nameof(WebhookChecks))]
    public Task Webhook_Conforms(string check) => ChannelConformance.RunAsync(check, () => new ViberConformanceHarness());
}
