using ChatFlow;
using ChatFlow.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatFlow.Tests.Runtime;

public class TelemetryTests
{
    [Fact]
    public async Task Meter_CountsMessagesRepliesAndFallbacks()
    {
        var scenario = Scenario.Define("t", s => s.Step("a").Say("A").OnText("x").Say("X").Stay().Otherwise().Say("?"));
        await using var t = new ChatTester(scenario);
        using var received = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.messages.received");
        using var sent = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.messages.sent");
        using var fallbacks = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.fallbacks");
        using var duration = new MetricCollector<double>(null, ChatFlowTelemetry.Name, "chatflow.processing.duration");
        await t.SendAsync("hi");
        await t.SendAsync("x");
        await t.SendAsync("nonsense");
        Assert.Equal(3, Sum(received, t.Address));
        Assert.Equal(3, Sum(sent, t.Address));
        Assert.Equal(1, Sum(fallbacks, t.Address));
        Assert.Equal(3, duration.GetMeasurementSnapshot().Count(m => Equals(m.Tags["chatflow.channel"], "test")));
    }

    private static long Sum(MetricCollector<long> collector, ConversationAddress address) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["chatflow.channel"], address.Channel.Value)).Sum(m => m.Value);
}
