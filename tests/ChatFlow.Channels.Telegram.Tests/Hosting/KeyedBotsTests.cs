using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>Two Telegram bots (two tokens, two fake Bot APIs) in one host, each with its own scenario and store.</summary>
public sealed class KeyedBotsTests : IAsyncLifetime
{
    private const string SalesToken = "222222222:SALES-token_abcdefghijklmnopqrstu";
    private const string SupportToken = "333333333:SUPPO-token_abcdefghijklmnopqrstu";
    private const string SalesSecret = "sales_Secret-1";
    private const string SupportSecret = "support_Secret-2";
    private FakeBotApi _sales = null!;
    private FakeBotApi _support = null!;
    private IHost? _host;

    private static Scenario Replies(string name, string text) => Scenario.Define(name, s => s.Step("home").Say(text).OnText("x").Say(text + " again").Stay());

    public async Task InitializeAsync()
    {
        _sales = await FakeBotApi.StartAsync(SalesToken);
        _support = await FakeBotApi.StartAsync(SupportToken);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await _sales.DisposeAsync();
        await _support.DisposeAsync();
    }

    private IHost Build(TelegramReceiveMode mode)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChatFlow("sales").AddScenario(Replies("sales", "Sales here")).AddTelegram(o =>
        {
            TestSupport.Apply(_sales, o);
            o.BotToken = SalesToken;
            o.Mode = mode;
            o.WebhookSecret = SalesSecret;
        });
        builder.Services.AddChatFlow("support").AddScenario(Replies("support", "Support here")).AddTelegram(o =>
        {
            TestSupport.Apply(_support, o);
            o.BotToken = SupportToken;
            o.Mode = mode;
            o.WebhookSecret = SupportSecret;
        });
        _host = builder.Build();
        return _host;
    }

    [Fact]
    public void AddTelegram_OnNamedBots_RegistersKeyedChannelHandlerAndReceiverPerBot()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddChatFlow("sales").AddScenario(Replies("sales", "a"))
            .AddTelegram(o => o.BotToken = SalesToken).AddTelegram(o => o.Mode = TelegramReceiveMode.SendOnly);
        services.AddChatFlow("support").AddScenario(Replies("support", "b")).AddTelegram(o => o.BotToken = SupportToken);
        using var provider = services.BuildServiceProvider();

        var sales = provider.GetRequiredKeyedService<ChatBot>("sales");
        var support = provider.GetRequiredKeyedService<ChatBot>("support");
        var salesChannel = provider.GetRequiredKeyedService<TelegramChannel>("sales");
        Assert.Same(salesChannel, Assert.Single(sales.Channels));
        Assert.Same(provider.GetRequiredKeyedService<TelegramChannel>("support"), Assert.Single(support.Channels));
        Assert.NotSame(salesChannel, support.Channels.Single());
        Assert.Null(provider.GetService<TelegramChannel>());
        var options = provider.GetRequiredService<IOptionsMonitor<TelegramOptions>>();
        Assert.Equal(SalesToken, options.Get("sales").BotToken);
        Assert.Equal(TelegramReceiveMode.SendOnly, options.Get("sales").Mode);
        Assert.Equal(SupportToken, options.Get("support").BotToken);
        var handlers = provider.GetServices<IWebhookHandler>().ToList();
        Assert.Equal(["sales", "support"], handlers.Select(h => h.BotName).Order(StringComparer.Ordinal));
        Assert.All(handlers, h => Assert.IsType<TelegramWebhookHandler>(h));
        var receivers = provider.GetServices<IChannelReceiver>().ToList();
        Assert.Equal(["sales", "support"], receivers.Select(r => r.BotName).Order(StringComparer.Ordinal));
        Assert.Equal(2, provider.GetServices<IHostedService>().OfType<TelegramReceiverService>().Count());
    }

    [Fact]
    public async Task TwoBots_LongPolling_EachUpdateReachesItsOwnScenario_AndRepliesGoOutWithItsOwnToken()
    {
        var host = Build(TelegramReceiveMode.LongPolling);
        await host.StartAsync();

        _sales.EnqueueUpdate(TestSupport.TextUpdate(_sales.NextUpdateId(), TestSupport.AnnaId, "/start"));
        _support.EnqueueUpdate(TestSupport.TextUpdate(_support.NextUpdateId(), TestSupport.AnnaId, "/start"));
        var salesReply = await _sales.WaitForAsync("sendMessage");
        var supportReply = await _support.WaitForAsync("sendMessage");

        Assert.Equal("Sales here", salesReply["text"]);
        Assert.Equal(SalesToken, salesReply.Token);
        Assert.Equal("Support here", supportReply["text"]);
        Assert.Equal(SupportToken, supportReply.Token);
        Assert.All(_sales.Requests, r => Assert.Equal(SalesToken, r.Token));
        Assert.All(_support.Requests, r => Assert.Equal(SupportToken, r.Token));
        await AssertStoredSeparatelyAsync(host);
    }

    [Fact]
    public async Task TwoBots_Webhook_EachHandlerDispatchesToItsOwnBot_WithItsOwnSecret()
    {
        var host = Build(TelegramReceiveMode.Webhook);
        await host.StartAsync();
        var sales = host.Services.GetRequiredKeyedService<TelegramWebhookHandler>("sales");
        var support = host.Services.GetRequiredKeyedService<TelegramWebhookHandler>("support");
        Assert.Equal("sales", sales.BotName);
        Assert.Equal("support", support.BotName);

        Assert.Equal(403, (await sales.HandleAsync(TestSupport.Webhook(TestSupport.TextUpdate(1, TestSupport.AnnaId, "/start"), SupportSecret), default)).StatusCode);
        Assert.Equal(200, (await sales.HandleAsync(TestSupport.Webhook(TestSupport.TextUpdate(2, TestSupport.AnnaId, "/start"), SalesSecret), default)).StatusCode);
        Assert.Equal(200, (await support.HandleAsync(TestSupport.Webhook(TestSupport.TextUpdate(3, TestSupport.AnnaId, "/start"), SupportSecret), default)).StatusCode);

        Assert.Equal("Sales here", (await _sales.WaitForAsync("sendMessage"))["text"]);
        Assert.Equal("Support here", (await _support.WaitForAsync("sendMessage"))["text"]);
        await AssertStoredSeparatelyAsync(host);
    }

    private static async Task AssertStoredSeparatelyAsync(IHost host)
    {
        var address = new ConversationAddress(ChannelId.Telegram, TestSupport.AnnaId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sales = host.Services.GetRequiredKeyedService<ChatBot>("sales");
        var support = host.Services.GetRequiredKeyedService<ChatBot>("support");
        Assert.NotSame(sales.Store, support.Store);
        await TestSupport.EventuallyAsync(() => sales.Store.LoadAsync(address, default).AsTask().Result is not null, "the sales conversation is saved");
        Assert.Equal("sales", (await sales.Store.LoadAsync(address, default))!.Scenario);
        Assert.Equal("support", (await support.Store.LoadAsync(address, default))!.Scenario);
    }
}
