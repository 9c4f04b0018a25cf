using ChatFlow;
using ChatFlow.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatFlow.Tests.Runtime;

public class TelemetryTests
{
    [Fact]
    public async Task Meter_CountsMessagesRepliesAndFallbacks()
    {
        // The meter is process-wide and other tests run in parallel: this test's channel has a name of its own.
        var channel = new TestChannel(id: new ChannelId("telemetry-test"));
        var scenario = Scenario.Define("t", s => s.Step("a").Say("A").OnText("x").Say("X").Stay().Otherwise().Say("?"));
        await using var bot = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(channel));
        using var received = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.messages.received");
        using var sent = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.messages.sent");
        using var fallbacks = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.fallbacks");
        using var duration = new MetricCollector<double>(null, ChatFlowTelemetry.Name, "chatflow.processing.duration");
        var address = new ConversationAddress(channel.Id, "1");
        foreach (var text in new[] { "hi", "x", "nonsense" })
        {
            await bot.DispatchAsync(new IncomingMessage(address, new ChatUser("1"), new TextContent(text)));
        }

        Assert.Equal(3, Sum(received));
        Assert.Equal(3, Sum(sent));
        Assert.Equal(1, Sum(fallbacks));
        Assert.Equal(3, duration.GetMeasurementSnapshot().Count(m => Equals(m.Tags["chatflow.channel"], "telemetry-test")));
    }

    private static long Sum(MetricCollector<long> collector) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["chatflow.channel"], "telemetry-test")).Sum(m => m.Value);
}
