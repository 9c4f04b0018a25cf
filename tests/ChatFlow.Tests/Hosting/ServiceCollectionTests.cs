using ChatFlow;
using ChatFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Tests.Hosting;

public class ServiceCollectionTests
{
    private static Scenario Reminder() => Scenario.Define("t", s =>
        s.Step("wait").Say("Waiting").OnText("x").Say("ok").Stay().After(TimeSpan.FromMinutes(10)).Say("Reminder").Stay());

    [Fact]
    public void AddChatFlow_RegistersBotStoreAndWorker_Idempotently()
    {
        var services = new ServiceCollection();
        services.AddChatFlow().AddScenario(Reminder()).AddChannel<TestChannelA>();
        services.AddChatFlow(o => o.Apology = "x").AddChannel<TestChannelA>();
        Assert.Single(services, d => d.ServiceType == typeof(ChatBot));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(IChatChannel));
        using var sp = services.BuildServiceProvider();
        var bot = sp.GetRequiredService<ChatBot>();
        Assert.Same(bot, sp.GetRequiredService<IChatDispatcher>());
        Assert.IsType<InMemoryConversationStore>(bot.Store);
        Assert.Single(bot.Channels);
        Assert.Equal("x", bot.Options.Apology);
    }

    [Fact]
    public void UseStore_ReplacesTheInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddChatFlow().AddScenario(Reminder()).UseStore<OtherStore>();
        using var sp = services.BuildServiceProvider();
        Assert.IsType<OtherStore>(sp.GetRequiredService<ChatBot>().Store);
    }

    [Fact]
    public async Task Host_StartFails_OnInvalidOptions()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddChatFlow(o => o.MaxDeliveryAttempts = 0).AddScenario(Reminder());
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync());
        Assert.Contains("MaxDeliveryAttempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedWorker_FiresTimersOnTheFakeClock_AndDrainsOnStop()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var channel = new TestChannel();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddChatFlow(o => o.DuePollInterval = TimeSpan.FromSeconds(1)).AddScenario(Reminder()).AddChannel(channel);
        using var host = builder.Build();
        await host.StartAsync();
        var bot = host.Services.GetRequiredService<ChatBot>();
        var address = new ConversationAddress(ChannelId.Test, "1");
        await bot.DispatchAsync(new IncomingMessage(address, new ChatUser("1"), new TextContent("hi")));
        Assert.Equal("Waiting", channel.Sent.Single().Message.Text);

        // Move the fake clock past the timeout in poll-sized steps until the worker has fired the
        // reminder (bounded by a real-time deadline so a broken worker fails instead of hanging).
        clock.Advance(TimeSpan.FromMinutes(10));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (channel.Sent.Count < 2 && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.Equal("Reminder", channel.Sent[1].Message.Text);
        for (var i = 0; i < 10; i++)
        {
            await bot.EnqueueAsync(new IncomingMessage(address, new ChatUser("1"), new TextContent("x")));
        }

        await host.StopAsync();
        var state = await bot.GetConversationAsync(address);
        Assert.Equal("wait", state!.Step);
        Assert.Equal(12, channel.Sent.Count);
        Assert.Equal("ok", channel.Sent[^1].Message.Text);
    }

    private sealed class TestChannelA : IChatChannel
    {
        public ChannelId Id => new("a");

        public ChannelCapabilities Capabilities => ChannelCapabilities.Full;

        public ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken) => new(DeliveryResult.Sent());
    }

    private sealed class OtherStore : ChatFlow.Tests.Storage.DelegatingStore;
}
