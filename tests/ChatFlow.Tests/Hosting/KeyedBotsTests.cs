using ChatFlow;
using ChatFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatFlow.Tests.Hosting;

public class KeyedBotsTests
{
    private static Scenario Says(string name, string text) => Scenario.Define(name, s => s.Step("start").Say(text).OnText("x").Say("ok").Stay());

    [Fact]
    public void HasChannel_IsPerBot()
    {
        var services = new ServiceCollection();
        var main = services.AddChatFlow();
        var sales = services.AddChatFlow("sales");
        Assert.False(main.HasChannel<TestChannel>());

        sales.AddChannel<TestChannel>();

        Assert.True(sales.HasChannel<TestChannel>());
        Assert.False(main.HasChannel<TestChannel>());
        Assert.False(services.AddChatFlow("support").HasChannel<TestChannel>());
        main.AddChannel<TestChannel>();
        Assert.True(main.HasChannel<TestChannel>());
    }

    [Fact]
    public async Task AddChatFlow_Named_EachBotGetsItsOwnScenarioChannelsAndStore()
    {
        var shared = new TestChannel();
        var sales = new TestChannel();
        var support = new TestChannel();
        var services = new ServiceCollection();
        services.AddChatFlow().AddScenario(Says("main", "default")).AddChannel(shared);
        services.AddChatFlow("sales").AddScenario(Says("sales", "sales here")).AddChannel(sales);
        services.AddChatFlow("support", o => o.Apology = "sorry").AddScenario(Says("support", "support here")).AddChannel(support);
        using var sp = services.BuildServiceProvider();

        var main = sp.GetRequiredService<ChatBot>();
        var salesBot = sp.GetRequiredKeyedService<ChatBot>("sales");
        var supportBot = sp.GetRequiredKeyedService<ChatBot>("support");
        Assert.Same(salesBot, sp.GetRequiredKeyedService<IChatDispatcher>("sales"));
        Assert.Same(main, sp.GetRequiredService<IChatDispatcher>());
        Assert.NotSame(salesBot, supportBot);
        Assert.NotSame(main.Store, salesBot.Store);
        Assert.NotSame(salesBot.Store, supportBot.Store);
        Assert.Same(shared, Assert.Single(main.Channels));
        Assert.Same(sales, Assert.Single(salesBot.Channels));
        Assert.Same(support, Assert.Single(supportBot.Channels));
        Assert.Equal("sorry", supportBot.Options.Apology);
        Assert.NotEqual("sorry", salesBot.Options.Apology);

        var address = new ConversationAddress(ChannelId.Test, "1");
        await salesBot.DispatchAsync(new IncomingMessage(address, new ChatUser("1"), new TextContent("hi")));
        await supportBot.DispatchAsync(new IncomingMessage(address, new ChatUser("1"), new TextContent("hi")));
        Assert.Equal("sales here", Assert.Single(sales.Sent).Message.Text);
        Assert.Equal("support here", Assert.Single(support.Sent).Message.Text);
        Assert.Empty(shared.Sent);
        Assert.Equal("sales", (await salesBot.Store.LoadAsync(address, default))!.Scenario);
        Assert.Equal("support", (await supportBot.Store.LoadAsync(address, default))!.Scenario);
        Assert.Null(await main.Store.LoadAsync(address, default));
    }

    [Fact]
    public void AddChatFlow_Named_IsIdempotentPerName_AndRegistersOneWorkerPerBot()
    {
        var services = new ServiceCollection();
        var first = services.AddChatFlow("sales").AddScenario(Says("sales", "a")).AddChannel<NamedChannel>();
        var again = services.AddChatFlow("sales", o => o.Apology = "x").AddChannel<NamedChannel>();
        services.AddChatFlow("support").AddScenario(Says("support", "b"));
        services.AddChatFlow().AddScenario(Says("main", "c"));
        Assert.Equal("sales", first.Name);
        Assert.Equal("sales", again.Name);
        Assert.Null(services.AddChatFlow().Name);
        Assert.Equal(3, services.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Single(services, d => d.ServiceType == typeof(IChatChannel) && Equals(d.ServiceKey, "sales"));
        using var sp = services.BuildServiceProvider();
        var sales = sp.GetRequiredKeyedService<ChatBot>("sales");
        Assert.Equal("x", sales.Options.Apology);
        Assert.IsType<NamedChannel>(Assert.Single(sales.Channels));
        Assert.Empty(sp.GetRequiredService<ChatBot>().Channels);
        Assert.Empty(sp.GetRequiredKeyedService<ChatBot>("support").Channels);
    }

    [Fact]
    public void UseStore_OnNamedBot_ReplacesOnlyThatBotsStore()
    {
        var services = new ServiceCollection();
        services.AddChatFlow("sales").AddScenario(Says("sales", "a")).UseStore<OtherStore>();
        services.AddChatFlow("support").AddScenario(Says("support", "b"));
        services.AddChatFlow().AddScenario(Says("main", "c"));
        using var sp = services.BuildServiceProvider();
        Assert.IsType<OtherStore>(sp.GetRequiredKeyedService<ChatBot>("sales").Store);
        Assert.IsType<InMemoryConversationStore>(sp.GetRequiredKeyedService<ChatBot>("support").Store);
        Assert.IsType<InMemoryConversationStore>(sp.GetRequiredService<ChatBot>().Store);
    }

    [Fact]
    public async Task Host_StartsAndStopsEveryNamedBot()
    {
        var builder = Host.CreateApplicationBuilder();
        var sales = new TestChannel();
        builder.Services.AddChatFlow("sales").AddScenario(Says("sales", "a")).AddChannel(sales);
        builder.Services.AddChatFlow("support", o => o.MaxDeliveryAttempts = 0).AddScenario(Says("support", "b"));
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync());
        Assert.Contains("MaxDeliveryAttempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChatFlow_Named_RejectsEmptyName()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentException>(() => services.AddChatFlow(" "));
    }

    private sealed class NamedChannel : IChatChannel
    {
        public ChannelId Id => new("named");

        public ChannelCapabilities Capabilities => ChannelCapabilities.Full;

        public ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken) => new(DeliveryResult.Sent());
    }

    private sealed class OtherStore : ChatFlow.Tests.Storage.DelegatingStore;
}
