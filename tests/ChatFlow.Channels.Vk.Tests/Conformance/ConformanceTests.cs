using ChatFlow.Testing.Conformance;

namespace ChatFlow.Channels.Vk.Tests.Conformance;

/// <summary>The channel conformance kit against the VK channel and a fake VK API: every send and webhook check applies.</summary>
public sealed class ConformanceTests
{
    public static TheoryData<string> SendChecks => [.. ChannelConformance.SendChecks];

    public static TheoryData<string> WebhookChecks => [.. ChannelConformance.WebhookChecks];

    [Theory]
    [MemberData(nameof(SendChecks))]
    public Task Send_Conforms(string check) => ChannelConformance.RunAsync(check, () => new VkHarness());

    [Theory]
    [MemberData(nameof(WebhookChecks))]
    public Task Webhook_Conforms(string check) => ChannelConformance.RunAsync(check, () => new VkHarness());
}
