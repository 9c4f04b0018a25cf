using System.Net;
using ChatFlow.AspNetCore;
using ChatFlow.Channels.WebChat.Conversations;
using ChatFlow.Channels.WebChat.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static ChatFlow.Channels.WebChat.Tests.Api.WebChatClient;

namespace ChatFlow.Channels.WebChat.Tests.Hosting;

/// <summary>Two web chats (two named bots, each with its own signing key and base path) in one host, each with its own scenario and store.</summary>
public sealed class KeyedBotsTests : IAsyncLifetime
{
    private const string SalesKey = "sales-signing-key-0123456789abcdef-012345";
    private const string SupportKey = "support-signing-key-0123456789abcdef-0123";
    private WebApplication? _app;

    private static Scenario Replies(string name, string text) => Scenario.Define(name, s => s.Step("home").Say(text).OnText("x").Say(text + " again").Stay());

    private static bool IsBotText(SseReader.Event e, string text) =>
        e.Type == "message" && e.Data["from"]!.GetValue<string>() == "bot" && e.Data["text"]?.GetValue<string>() == text;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }
    }

    private async Task<HttpClient> StartAsync(Action<IServiceCollection> register, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        register(builder.Services);
        _app = builder.Build();
        map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(20) };
    }

    private static void SalesAndSupport(IServiceCollection services, string? supportKey = null)
    {
        services.AddChatFlow("sales").AddScenario(Replies("sales", "Sales here")).AddWebChat(o => o.SigningKey = SalesKey);
        services.AddChatFlow("support").AddScenario(Replies("support", "Support here")).AddWebChat(o => o.SigningKey = supportKey ?? SupportKey);
    }

    [Fact]
    public void AddWebChat_OnNamedBots_RegistersKeyedChannelAndEndpointsPerBot()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddChatFlow().AddScenario(Replies("main", "Main here"));
        services.AddChatFlow("sales").AddScenario(Replies("sales", "a"))
            .AddWebChat(o => o.SigningKey = SalesKey).AddWebChat(o => o.Title = "Sales");
        services.AddChatFlow("support").AddScenario(Replies("support", "b"))
            .AddWebChat(o => { o.SigningKey = SupportKey; o.BasePath = "/help"; });
        using var provider = services.BuildServiceProvider();

        var sales = provider.GetRequiredKeyedService<ChatBot>("sales");
        var support = provider.GetRequiredKeyedService<ChatBot>("support");
        var salesChannel = provider.GetRequiredKeyedService<WebChatChannel>("sales");
        Assert.Same(salesChannel, Assert.Single(sales.Channels));
        Assert.Same(provider.GetRequiredKeyedService<WebChatChannel>("support"), Assert.Single(support.Channels));
        Assert.NotSame(salesChannel, support.Channels.Single());
        Assert.NotSame(provider.GetRequiredKeyedService<WebChatStore>("sales"), provider.GetRequiredKeyedService<WebChatStore>("support"));
        Assert.Null(provider.GetService<WebChatChannel>());
        Assert.Null(provider.GetService<WebChatEndpoints>());
        Assert.Empty(provider.GetRequiredService<ChatBot>().Channels);

        var options = provider.GetRequiredService<IOptionsMonitor<WebChatOptions>>();
        Assert.Equal(SalesKey, options.Get("sales").SigningKey);
        Assert.Equal("Sales", options.Get("sales").Title);
        Assert.Equal("/webchat/sales", options.Get("sales").BasePath);
        Assert.Equal("/help", options.Get("support").BasePath);
        var endpoints = provider.GetServices<IChatFlowEndpoints>().ToList();
        Assert.Equal(["sales", "support"], endpoints.Select(e => Assert.IsType<WebChatEndpoints>(e).BotName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TwoBots_MapChatFlow_EachVisitorReachesItsOwnScenario_AndTheReplyArrivesOnItsOwnStreamOnly()
    {
        using var client = await StartAsync(s => SalesAndSupport(s), app => app.MapChatFlow());
        var salesToken = await IssueAsync(client, "/webchat/sales");
        var supportToken = await IssueAsync(client, "/webchat/support");
        await using var salesStream = await SseReader.OpenAsync(client, salesToken, after: 0, basePath: "/webchat/sales");
        await using var supportStream = await SseReader.OpenAsync(client, supportToken, after: 0, basePath: "/webchat/support");
        await salesStream.ReadUntilAsync(e => e.Type == "ready");
        await supportStream.ReadUntilAsync(e => e.Type == "ready");

        using (var sent = await PostAsync(client, salesToken, new { clientId = "s1", text = "/start" }, "/webchat/sales"))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        using (var sent = await PostAsync(client, supportToken, new { clientId = "h1", text = "/start" }, "/webchat/support"))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var salesEvents = await salesStream.ReadUntilAsync(e => IsBotText(e, "Sales here"));
        var supportEvents = await supportStream.ReadUntilAsync(e => IsBotText(e, "Support here"));
        Assert.DoesNotContain(salesEvents, e => e.Data["text"]?.GetValue<string>() == "Support here");
        Assert.DoesNotContain(supportEvents, e => e.Data["text"]?.GetValue<string>() == "Sales here");

        // Each bot's visitor log holds its own visitor only; the conversations live in each bot's own store.
        var services = _app!.Services;
        var salesVisitor = salesToken.Split('.')[1];
        var supportVisitor = supportToken.Split('.')[1];
        Assert.Equal(2, services.GetRequiredKeyedService<WebChatStore>("sales").Get(salesVisitor).After(0, out _).Count);
        Assert.Equal(0, services.GetRequiredKeyedService<WebChatStore>("support").Get(salesVisitor).LastId);
        Assert.Equal(0, services.GetRequiredKeyedService<WebChatStore>("sales").Get(supportVisitor).LastId);
        var sales = services.GetRequiredKeyedService<ChatBot>("sales");
        var support = services.GetRequiredKeyedService<ChatBot>("support");
        Assert.NotSame(sales.Store, support.Store);
        Assert.Equal("sales", (await sales.Store.LoadAsync(new ConversationAddress(ChannelId.WebChat, salesVisitor), default))!.Scenario);
        Assert.Equal("support", (await support.Store.LoadAsync(new ConversationAddress(ChannelId.WebChat, supportVisitor), default))!.Scenario);
        Assert.Null(await support.Store.LoadAsync(new ConversationAddress(ChannelId.WebChat, salesVisitor), default));
        Assert.Null(await sales.Store.LoadAsync(new ConversationAddress(ChannelId.WebChat, supportVisitor), default));

        // One bot's token is not valid at the other's web chat (different keys here).
        using var crossed = await PostAsync(client, salesToken, new { clientId = "s2", text = "x" }, "/webchat/support");
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
    }

    [Fact]
    public async Task TwoBots_MapWebChatByName_ServesEachUnderItsOwnBasePath()
    {
        using var client = await StartAsync(
            s =>
            {
                s.AddChatFlow("sales").AddScenario(Replies("sales", "Sales here")).AddWebChat(o => { o.SigningKey = SalesKey; o.BasePath = "/shop/chat"; });
                s.AddChatFlow("support").AddScenario(Replies("support", "Support here")).AddWebChat(o => o.SigningKey = SupportKey);
            },
            app =>
            {
                app.MapWebChat("sales");
                app.MapWebChat("support");
            });

        var salesToken = await IssueAsync(client, "/shop/chat");
        var supportToken = await IssueAsync(client, "/webchat/support");
        (await PostAsync(client, salesToken, new { clientId = "s1", text = "/start" }, "/shop/chat")).Dispose();
        (await PostAsync(client, supportToken, new { clientId = "h1", text = "/start" }, "/webchat/support")).Dispose();

        await using var salesStream = await SseReader.OpenAsync(client, salesToken, after: 0, basePath: "/shop/chat");
        await using var supportStream = await SseReader.OpenAsync(client, supportToken, after: 0, basePath: "/webchat/support");
        var salesHistory = await salesStream.ReadUntilAsync(e => e.Type == "ready");
        var supportHistory = await supportStream.ReadUntilAsync(e => e.Type == "ready");
        Assert.Equal(["/start", "Sales here"], salesHistory.Where(e => e.Type == "message").Select(e => e.Data["text"]!.GetValue<string>()));
        Assert.Equal(["/start", "Support here"], supportHistory.Where(e => e.Type == "message").Select(e => e.Data["text"]!.GetValue<string>()));
        using var widget = await client.GetAsync("/shop/chat/widget.js");
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        using var unmapped = await client.PostAsync("/webchat/api/visitors", null);
        Assert.Equal(HttpStatusCode.NotFound, unmapped.StatusCode);
    }

    [Fact]
    public async Task SameSigningKey_AVisitorTokenOfOneBot_IsRefusedByTheOthers()
    {
        using var client = await StartAsync(
            s =>
            {
                s.AddChatFlow().AddScenario(Replies("main", "Main here")).AddWebChat(o => o.SigningKey = SalesKey);
                SalesAndSupport(s, supportKey: SalesKey);
            },
            app => app.MapChatFlow());
        var main = await IssueAsync(client);
        var sales = await IssueAsync(client, "/webchat/sales");
        var support = await IssueAsync(client, "/webchat/support");

        Assert.Equal(HttpStatusCode.OK, await SessionAsync(client, "/webchat", main));
        Assert.Equal(HttpStatusCode.OK, await SessionAsync(client, "/webchat/sales", sales));
        Assert.Equal(HttpStatusCode.OK, await SessionAsync(client, "/webchat/support", support));
        Assert.Equal(HttpStatusCode.Forbidden, await SessionAsync(client, "/webchat/support", sales));
        Assert.Equal(HttpStatusCode.Forbidden, await SessionAsync(client, "/webchat/sales", support));
        Assert.Equal(HttpStatusCode.Forbidden, await SessionAsync(client, "/webchat/sales", main));
        Assert.Equal(HttpStatusCode.Forbidden, await SessionAsync(client, "/webchat", sales));
        using var crossed = await PostAsync(client, sales, new { clientId = "c1", text = "/start" }, "/webchat/support");
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        Assert.Equal(0, _app!.Services.GetRequiredKeyedService<WebChatStore>("support").Get(sales.Split('.')[1]).LastId);
    }

    [Fact]
    public async Task NamedBot_BadOptions_FailAtStart_NamingTheBotAndTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChatFlow("sales").AddScenario(Replies("sales", "a")).AddWebChat(o => o.SigningKey = SalesKey);
        builder.Services.AddChatFlow("support").AddScenario(Replies("support", "b")).AddWebChat(o => o.SigningKey = "too-short");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("support", error.OptionsName);
        Assert.Contains("bot 'support'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SigningKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoWebChats_OnTheSameBasePath_FailAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChatFlow().AddScenario(Replies("main", "a")).AddWebChat(o => o.SigningKey = SalesKey);
        builder.Services.AddChatFlow("sales").AddScenario(Replies("sales", "b")).AddWebChat(o => { o.SigningKey = SalesKey; o.BasePath = "/WebChat"; });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("the default bot and bot 'sales' both use BasePath", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SessionAsync(HttpClient client, string basePath, string token)
    {
        using var response = await client.GetAsync(basePath + "/api/session?access_token=" + Uri.EscapeDataString(token));
        return response.StatusCode;
    }
}
