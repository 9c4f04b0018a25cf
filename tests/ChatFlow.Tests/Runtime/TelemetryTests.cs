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

    [Fact]
    public async Task Meter_NamedBot_TagsEveryMeasurementWithTheBot()
    {
        var channel = new TestChannel(id: new ChannelId("telemetry-named"));
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ChatFlowServiceCollectionExtensions.AddChatFlow(services, "sales")
            .AddScenario(Scenario.Define("t", s => s.Step("a").Say("A").OnText("x").Say("X").Stay().Otherwise().Say("?")))
            .AddChannel(channel);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var bot = Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<ChatBot>(provider, "sales");
        using var received = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.messages.received");
        using var sent = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.messages.sent");
        using var fallbacks = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.fallbacks");
        var address = new ConversationAddress(channel.Id, "1");
        foreach (var text in new[] { "hi", "nonsense" })
        {
            await bot.DispatchAsync(new IncomingMessage(address, new ChatUser("1"), new TextContent(text)));
        }

        Assert.Equal("sales", bot.Name);
        foreach (var collector in new[] { received, sent, fallbacks })
        {
            var mine = collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["chatflow.channel"], "telemetry-named")).ToList();
            Assert.NotEmpty(mine);
            Assert.All(mine, m => Assert.Equal("sales", m.Tags["chatflow.bot"]));
        }
    }

    [Fact]
    public async Task Meter_DefaultBot_HasNoBotTag()
    {
        var channel = new TestChannel(id: new ChannelId("telemetry-default"));
        await using var bot = ChatBot.Create(b => b.AddScenario(Scenario.Define("t", s => s.Step("a").Say("A").Otherwise().Say("?"))).AddChannel(channel));
        using var received = new MetricCollector<long>(null, ChatFlowTelemetry.Name, "chatflow.messages.received");

        await bot.DispatchAsync(new IncomingMessage(new ConversationAddress(channel.Id, "1"), new ChatUser("1"), new TextContent("hi")));

        var measurement = Assert.Single(received.GetMeasurementSnapshot(), m => Equals(m.Tags["chatflow.channel"], "telemetry-default"));
        Assert.False(measurement.Tags.ContainsKey("chatflow.bot"));
        Assert.Null(bot.Name);
    }

    private static long Sum(MetricCollector<long> collector) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["chatflow.channel"], "telemetry-test")).Sum(m => m.Value);
}
