using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>Two Viber bots (two tokens, two fake Viber APIs) in one host, each with its own scenario, webhook and store.</summary>
public sealed class KeyedBotsTests : IAsyncLifetime
{
    private const string SalesToken = "4a5b6c7d8e9f0a1b-1c2d3e4f5a6b7c8d-sales00000000001";
    private const string SupportToken = "9f8e7d6c5b4a3f2e-2d1c0b9a8f7e6d5c-support000000002";
    private static readonly Uri SalesWebhook = new("https://bot.example.com/webhooks/sales/viber");
    private static readonly Uri SupportWebhook = new("https://bot.example.com/webhooks/support/viber");
    private FakeViberServer _sales = null!;
    private FakeViberServer _support = null!;
    private IHost? _host;

    private static Scenario Replies(string name, string text) => Scenario.Define(name, s => s.Step("home").Say(text).OnText("x").Say(text + " again").Stay());

    public async Task InitializeAsync()
    {
        _sales = await FakeViberServer.StartAsync(SalesToken);
        _support = await FakeViberServer.StartAsync(SupportToken);
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

    private IHost Build(Action<ViberOptions>? configureSupport = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddChatFlow("sales").AddScenario(Replies("sales", "Sales here")).AddViber(o =>
        {
            o.AuthToken = SalesToken;
            o.SenderName = "Sales";
            o.ApiBaseUrl = _sales.ApiBaseUrl;
            o.WebhookUrl = SalesWebhook;
        });
        builder.Services.AddChatFlow("support").AddScenario(Replies("support", "Support here")).AddViber(o =>
        {
            o.AuthToken = SupportToken;
            o.SenderName = "Support";
            o.ApiBaseUrl = _support.ApiBaseUrl;
            o.WebhookUrl = SupportWebhook;
            configureSupport?.Invoke(o);
        });
        _host = builder.Build();
        return _host;
    }

    [Fact]
    public void AddViber_OnNamedBots_RegistersKeyedChannelHandlerBroadcastAndStartUpStepPerBot()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddChatFlow("sales").AddScenario(Replies("sales", "a"))
            .AddViber(o => o.AuthToken = SalesToken).AddViber(o => o.SenderName = "Sales");
        services.AddChatFlow("support").AddScenario(Replies("support", "b")).AddViber(o =>
        {
            o.AuthToken = SupportToken;
            o.SenderName = "Support";
        });
        using var provider = services.BuildServiceProvider();

        var sales = provider.GetRequiredKeyedService<ChatBot>("sales");
        var support = provider.GetRequiredKeyedService<ChatBot>("support");
        var salesChannel = provider.GetRequiredKeyedService<ViberChannel>("sales");
        var supportChannel = provider.GetRequiredKeyedService<ViberChannel>("support");
        Assert.Same(salesChannel, Assert.Single(sales.Channels));
        Assert.Same(supportChannel, Assert.Single(support.Channels));
        Assert.NotSame(salesChannel, supportChannel);
        Assert.Equal(SalesToken, salesChannel.Options.AuthToken);
        Assert.Equal(SupportToken, supportChannel.Options.AuthToken);

        // The default bot gets none of it.
        Assert.Null(provider.GetService<ViberChannel>());
        Assert.Null(provider.GetService<ViberWebhookHandler>());
        Assert.Empty(provider.GetServices<IChatChannel>());

        var options = provider.GetRequiredService<IOptionsMonitor<ViberOptions>>();
        Assert.Equal(SalesToken, options.Get("sales").AuthToken);
        Assert.Equal("Sales", options.Get("sales").SenderName);
        Assert.Equal(SupportToken, options.Get("support").AuthToken);

        var handlers = provider.GetServices<IWebhookHandler>().ToList();
        Assert.Equal(["sales", "support"], handlers.Select(h => h.BotName).Order(StringComparer.Ordinal));
        Assert.All(handlers, h => Assert.IsType<ViberWebhookHandler>(h));
        Assert.Same(provider.GetRequiredKeyedService<ViberWebhookHandler>("sales"), handlers.Single(h => h.BotName == "sales"));

        Assert.Same(salesChannel, provider.GetRequiredKeyedService<IBroadcastChannel>("sales"));
        Assert.Same(supportChannel, provider.GetRequiredKeyedService<IBroadcastChannel>("support"));
        Assert.Empty(provider.GetServices<IBroadcastChannel>());

        Assert.Equal(2, provider.GetServices<IHostedService>().OfType<ViberWebhookRegistration>().Count());
    }

    [Fact]
    public void AddViber_OnTheDefaultAndANamedBot_KeepsThemApart()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddChatFlow().AddScenario(Replies("main", "a")).AddViber(o =>
        {
            o.AuthToken = FakeViberServer.Token;
            o.SenderName = "Main";
        });
        services.AddChatFlow("sales").AddScenario(Replies("sales", "b")).AddViber(o =>
        {
            o.AuthToken = SalesToken;
            o.SenderName = "Sales";
        });
        using var provider = services.BuildServiceProvider();

        var main = provider.GetRequiredService<ViberChannel>();
        var sales = provider.GetRequiredKeyedService<ViberChannel>("sales");
        Assert.NotSame(main, sales);
        Assert.Same(main, Assert.Single(provider.GetRequiredService<ChatBot>().Channels));
        Assert.Same(sales, Assert.Single(provider.GetRequiredKeyedService<ChatBot>("sales").Channels));
        Assert.Equal(FakeViberServer.Token, main.Options.AuthToken);
        Assert.Null(provider.GetRequiredService<ViberWebhookHandler>().BotName);
        Assert.Equal(new string?[] { null, "sales" }, provider.GetServices<IWebhookHandler>().Select(h => h.BotName).Order(StringComparer.Ordinal));
        Assert.Same(main, Assert.Single(provider.GetServices<IBroadcastChannel>()));
        Assert.Same(sales, Assert.Single(provider.GetKeyedServices<IBroadcastChannel>("sales")));
        Assert.Equal(2, provider.GetServices<IHostedService>().OfType<ViberWebhookRegistration>().Count());
    }

    [Fact]
    public async Task TwoBots_StartUp_EachSetsItsOwnWebhookWithItsOwnToken()
    {
        var host = Build();
        await host.StartAsync();

        Assert.Equal(["get_account_info", "set_webhook"], _sales.Requests.Select(r => r.ApiMethod));
        Assert.Equal(["get_account_info", "set_webhook"], _support.Requests.Select(r => r.ApiMethod));
        Assert.All(_sales.Requests, r => Assert.Equal(SalesToken, r.Header("X-Viber-Auth-Token")));
        Assert.All(_support.Requests, r => Assert.Equal(SupportToken, r.Header("X-Viber-Auth-Token")));
        Assert.Equal(SalesWebhook.AbsoluteUri, _sales.Calls("set_webhook")[0].Json["url"]!.GetValue<string>());
        Assert.Equal(SupportWebhook.AbsoluteUri, _support.Calls("set_webhook")[0].Json["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoBots_Webhook_EachCallbackReachesItsOwnScenario_AndRepliesGoOutWithItsOwnToken()
    {
        var host = Build();
        await host.StartAsync();
        var sales = host.Services.GetRequiredKeyedService<ViberWebhookHandler>("sales");
        var support = host.Services.GetRequiredKeyedService<ViberWebhookHandler>("support");
        Assert.Equal("sales", sales.BotName);
        Assert.Equal("support", support.BotName);

        var salesResponse = await sales.HandleAsync(ViberHarness.Signed(Fixture.Bytes("callback_message_text.json"), SalesToken), default);
        var supportResponse = await support.HandleAsync(ViberHarness.Signed(Fixture.Bytes("callback_message_text.json"), SupportToken), default);
        Assert.Equal(200, salesResponse.StatusCode);
        Assert.Equal(200, supportResponse.StatusCode);

        var salesReply = (await _sales.WaitForCallsAsync("send_message", 1))[0];
        var supportReply = (await _support.WaitForCallsAsync("send_message", 1))[0];
        Assert.Equal("Sales here", salesReply.Json["text"]!.GetValue<string>());
        Assert.Equal("Sales", salesReply.Json["sender"]!["name"]!.GetValue<string>());
        Assert.Equal(SalesToken, salesReply.Header("X-Viber-Auth-Token"));
        Assert.Equal("Support here", supportReply.Json["text"]!.GetValue<string>());
        Assert.Equal("Support", supportReply.Json["sender"]!["name"]!.GetValue<string>());
        Assert.Equal(SupportToken, supportReply.Header("X-Viber-Auth-Token"));
        Assert.All(_sales.Requests, r => Assert.Equal(SalesToken, r.Header("X-Viber-Auth-Token")));
        Assert.All(_support.Requests, r => Assert.Equal(SupportToken, r.Header("X-Viber-Auth-Token")));
        await AssertStoredSeparatelyAsync(host);
    }

    [Fact]
    public async Task TwoBots_Webhook_ACallbackSignedWithTheOtherBotsToken_IsRefused()
    {
        var host = Build();
        await host.StartAsync();
        var sales = host.Services.GetRequiredKeyedService<ViberWebhookHandler>("sales");
        var support = host.Services.GetRequiredKeyedService<ViberWebhookHandler>("support");
        var body = Fixture.Bytes("callback_message_text.json");

        Assert.Equal(401, (await sales.HandleAsync(ViberHarness.Signed(body, SupportToken), default)).StatusCode);
        Assert.Equal(401, (await support.HandleAsync(ViberHarness.Signed(body, SalesToken), default)).StatusCode);
        await host.Services.GetRequiredKeyedService<ChatBot>("sales").WhenIdleAsync();
        await host.Services.GetRequiredKeyedService<ChatBot>("support").WhenIdleAsync();

        Assert.Empty(_sales.Calls("send_message"));
        Assert.Empty(_support.Calls("send_message"));
        var address = ViberHarness.Olena;
        Assert.Null(await host.Services.GetRequiredKeyedService<ChatBot>("sales").GetConversationAsync(address));
        Assert.Null(await host.Services.GetRequiredKeyedService<ChatBot>("support").GetConversationAsync(address));
    }

    [Fact]
    public async Task TwoBots_Broadcast_GoesOutThroughTheNamedBotsOwnChannel()
    {
        var host = Build();
        await host.StartAsync();

        var result = await host.Services.GetRequiredKeyedService<IBroadcastChannel>("support")
            .BroadcastAsync(["N1RQJNw0yUPpuV8EnSfSpA=="], new OutgoingMessage("News"), default);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(result.Results).Value.Status);
        Assert.Empty(_sales.Calls("broadcast_message"));
        var call = Assert.Single(_support.Calls("broadcast_message"));
        Assert.Equal(SupportToken, call.Header("X-Viber-Auth-Token"));
        Assert.Equal("Support", call.Json["sender"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAsync_NamedBotWithBadOptions_FailsWithTheBotsNameAndTheSetting()
    {
        using var host = Build(o =>
        {
            o.AuthToken = string.Empty;
            o.SenderName = new string('x', 29);
        });
        _host = null;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("support", error.OptionsName);
        Assert.Contains(error.Failures, f => f.StartsWith("Bot 'support': ViberOptions.AuthToken is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Bot 'support': ViberOptions.SenderName is 29 characters long", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("sales", StringComparison.Ordinal));
        Assert.DoesNotContain(SalesToken, error.Message, StringComparison.Ordinal);
        Assert.Empty(_support.Requests);
    }

    private static async Task AssertStoredSeparatelyAsync(IHost host)
    {
        var address = ViberHarness.Olena;
        var sales = host.Services.GetRequiredKeyedService<ChatBot>("sales");
        var support = host.Services.GetRequiredKeyedService<ChatBot>("support");
        Assert.NotSame(sales.Store, support.Store);
        await sales.WhenIdleAsync();
        await support.WhenIdleAsync();
        Assert.Equal("sales", (await sales.Store.LoadAsync(address, default))!.Scenario);
        Assert.Equal("support", (await support.Store.LoadAsync(address, default))!.Scenario);
    }
}
