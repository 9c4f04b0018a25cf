using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatFlow.Channels.Vk.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Vk.Tests.Hosting;

/// <summary>Two VK communities (two tokens, two group ids, two fake VK APIs) in one host, each with its own bot, scenario and store.</summary>
public sealed class KeyedBotsTests : IAsyncLifetime
{
    private const string SalesToken = "vk1.a.SALES-token-111";
    private const string SupportToken = "vk1.a.SUPPORT-token-222";
    private const long SalesGroup = Fixture.GroupId;
    private const long SupportGroup = 230000001;
    private const string SalesSecret = "sales-Secret-1";
    private const string SupportSecret = "support-Secret-2";
    private const string SalesCode = "sales-c0nf1rm";
    private const string SupportCode = "support-c0nf1rm";
    private static readonly ConversationAddress Anna = new(ChannelId.Vk, Fixture.UserId);
    private FakeVkServer _sales = null!;
    private FakeVkServer _support = null!;
    private IHost? _host;

    private static Scenario Replies(string name, string text) => Scenario.Define(name, s => s.Step("home").Say(text).OnText("x").Say(text + " again").Stay());

    public async Task InitializeAsync()
    {
        _sales = await FakeVkServer.StartAsync();
        _support = await FakeVkServer.StartAsync();
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

    private static void Sales(VkOptions o, FakeVkServer server, VkReceiveMode mode)
    {
        o.AccessToken = SalesToken;
        o.GroupId = SalesGroup;
        o.ApiBaseUrl = server.ApiUrl;
        o.Mode = mode;
        o.CallbackSecret = SalesSecret;
        o.ConfirmationCode = SalesCode;
    }

    private static void Support(VkOptions o, FakeVkServer server, VkReceiveMode mode)
    {
        o.AccessToken = SupportToken;
        o.GroupId = SupportGroup;
        o.ApiBaseUrl = server.ApiUrl;
        o.Mode = mode;
        o.CallbackSecret = SupportSecret;
        o.ConfirmationCode = SupportCode;
    }

    private IHost Build(VkReceiveMode mode)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatFlow("sales").AddScenario(Replies("sales", "Sales here")).AddVk(o => Sales(o, _sales, mode));
        builder.Services.AddChatFlow("support").AddScenario(Replies("support", "Support here")).AddVk(o => Support(o, _support, mode));
        _host = builder.Build();
        return _host;
    }

    /// <summary>A <c>message_new</c> event of the given community; with a secret as the Callback API sends it, without as Long Poll does.</summary>
    private static string MessageNew(long groupId, string eventId, string text, string? secret)
    {
        var node = JsonNode.Parse(Fixture.Text("callback_message_new_text.json"))!.AsObject();
        node["group_id"] = groupId;
        node["event_id"] = eventId;
        node["object"]!["message"]!["text"] = text;
        if (secret is null)
        {
            node.Remove("secret");
        }
        else
        {
            node["secret"] = secret;
        }

        return node.ToJsonString();
    }

    private static WebhookRequest Callback(string json) => Fixture.Request(Encoding.UTF8.GetBytes(json));

    private static WebhookRequest Confirmation(long groupId, string secret) =>
        Callback($"{{\"type\":\"confirmation\",\"group_id\":{groupId.ToString(CultureInfo.InvariantCulture)},\"secret\":\"{secret}\"}}");

    [Fact]
    public void AddVk_OnNamedBots_RegistersKeyedChannelHandlerAndReceiverPerBot()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddChatFlow().AddScenario(Replies("default", "c"));
        services.AddChatFlow("sales").AddScenario(Replies("sales", "a"))
            .AddVk(o => o.AccessToken = SalesToken).AddVk(o => o.GroupId = SalesGroup);
        services.AddChatFlow("support").AddScenario(Replies("support", "b")).AddVk(o =>
        {
            o.AccessToken = SupportToken;
            o.GroupId = SupportGroup;
        });
        using var provider = services.BuildServiceProvider();

        var sales = provider.GetRequiredKeyedService<ChatBot>("sales");
        var support = provider.GetRequiredKeyedService<ChatBot>("support");
        var salesChannel = provider.GetRequiredKeyedService<VkChannel>("sales");
        Assert.Same(salesChannel, Assert.Single(sales.Channels));
        Assert.Same(provider.GetRequiredKeyedService<VkChannel>("support"), Assert.Single(support.Channels));
        Assert.NotSame(salesChannel, support.Channels.Single());
        Assert.Empty(provider.GetRequiredService<ChatBot>().Channels);
        Assert.Null(provider.GetService<VkChannel>());
        Assert.Null(provider.GetService<VkWebhookHandler>());
        Assert.Empty(provider.GetServices<IChatChannel>());

        var options = provider.GetRequiredService<IOptionsMonitor<VkOptions>>();
        Assert.Equal(SalesToken, options.Get("sales").AccessToken);
        Assert.Equal(SalesGroup, options.Get("sales").GroupId);
        Assert.Equal(SupportToken, options.Get("support").AccessToken);
        Assert.Equal(SupportGroup, options.Get("support").GroupId);

        var handlers = provider.GetServices<IWebhookHandler>().ToList();
        Assert.Equal(["sales", "support"], handlers.Select(h => h.BotName).Order(StringComparer.Ordinal));
        Assert.All(handlers, h => Assert.IsType<VkWebhookHandler>(h));
        Assert.Equal("sales", provider.GetRequiredKeyedService<VkWebhookHandler>("sales").BotName);
        var receivers = provider.GetServices<IChannelReceiver>().ToList();
        Assert.Equal(["sales", "support"], receivers.Select(r => r.BotName).Order(StringComparer.Ordinal));
        var pollers = provider.GetServices<IHostedService>().Where(s => s.GetType().Name == "VkLongPollService").ToList();
        Assert.Equal(2, pollers.Count);
        Assert.All(pollers, p => Assert.Contains(receivers, r => ReferenceEquals(r, p)));
    }

    [Fact]
    public async Task TwoBots_LongPoll_EachUpdateReachesItsOwnScenario_AndRepliesGoOutWithItsOwnToken()
    {
        var host = Build(VkReceiveMode.LongPoll);
        await host.StartAsync();

        _sales.EnqueueLongPoll($"{{\"ts\":\"2001\",\"updates\":[{MessageNew(SalesGroup, "s1", "/start", null)}]}}");
        _support.EnqueueLongPoll($"{{\"ts\":\"2001\",\"updates\":[{MessageNew(SupportGroup, "p1", "/start", null)}]}}");
        await _sales.WaitForCallsAsync("messages.send", 1);
        await _support.WaitForCallsAsync("messages.send", 1);

        AssertRepliesWithOwnCredentials();
        Assert.Equal(SalesGroup.ToString(CultureInfo.InvariantCulture), Assert.Single(_sales.Calls("groups.getLongPollServer"))["group_id"]);
        Assert.Equal(SupportGroup.ToString(CultureInfo.InvariantCulture), Assert.Single(_support.Calls("groups.getLongPollServer"))["group_id"]);
        await AssertStoredSeparatelyAsync(host);
    }

    [Fact]
    public async Task TwoBots_CallbackApi_EachHandlerConfirmsAndDispatchesForItsOwnCommunity_WithItsOwnSecret()
    {
        var host = Build(VkReceiveMode.CallbackApi);
        await host.StartAsync();
        var sales = host.Services.GetRequiredKeyedService<VkWebhookHandler>("sales");
        var support = host.Services.GetRequiredKeyedService<VkWebhookHandler>("support");
        Assert.Equal("sales", sales.BotName);
        Assert.Equal("support", support.BotName);

        Assert.Equal(SalesCode, (await sales.HandleAsync(Confirmation(SalesGroup, SalesSecret), default)).Body);
        Assert.Equal(SupportCode, (await support.HandleAsync(Confirmation(SupportGroup, SupportSecret), default)).Body);
        Assert.Equal(403, (await sales.HandleAsync(Confirmation(SupportGroup, SupportSecret), default)).StatusCode);
        Assert.Equal(403, (await sales.HandleAsync(Confirmation(SalesGroup, SupportSecret), default)).StatusCode);

        // Signed with the other community's secret: refused before anything is read.
        Assert.Equal(403, (await sales.HandleAsync(Callback(MessageNew(SalesGroup, "x1", "/start", SupportSecret)), default)).StatusCode);
        Assert.Equal(403, (await support.HandleAsync(Callback(MessageNew(SupportGroup, "x2", "/start", SalesSecret)), default)).StatusCode);

        var salesAnswer = await sales.HandleAsync(Callback(MessageNew(SalesGroup, "s1", "/start", SalesSecret)), default);
        var supportAnswer = await support.HandleAsync(Callback(MessageNew(SupportGroup, "p1", "/start", SupportSecret)), default);
        Assert.Equal((200, "ok"), (salesAnswer.StatusCode, salesAnswer.Body));
        Assert.Equal((200, "ok"), (supportAnswer.StatusCode, supportAnswer.Body));
        await _sales.WaitForCallsAsync("messages.send", 1);
        await _support.WaitForCallsAsync("messages.send", 1);

        AssertRepliesWithOwnCredentials();
        await AssertStoredSeparatelyAsync(host);
    }

    [Fact]
    public async Task NamedBot_InvalidOptions_HostStartFailsNamingTheBotAndTheSetting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatFlow("sales").AddScenario(Replies("sales", "a")).AddVk(o => Sales(o, _sales, VkReceiveMode.CallbackApi));
        builder.Services.AddChatFlow("support").AddScenario(Replies("support", "b")).AddVk(o =>
        {
            Support(o, _support, VkReceiveMode.CallbackApi);
            o.GroupId = 0;
            o.CallbackSecret = null;
        });
        _host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => _host.StartAsync());
        _host.Dispose();
        _host = null;
        Assert.Equal("support", ex.OptionsName);
        Assert.Contains("VK (bot 'support'): GroupId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CallbackSecret is required", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'sales'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportToken, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedBot_WithDurableStoreOfItsOwn_KeepsRandomIdsAcrossRestarts()
    {
        for (var run = 0; run < 2; run++)
        {
            var services = new ServiceCollection().AddLogging();
            services.AddChatFlow("sales").AddScenario(Replies("sales", "a")).UseStore<AddVkTests.DurableStore>().AddVk(o => Sales(o, _sales, VkReceiveMode.LongPoll));
            services.AddChatFlow("support").AddScenario(Replies("support", "b")).AddVk(o => Support(o, _support, VkReceiveMode.LongPoll));
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredKeyedService<VkChannel>("sales").SendAsync(VkTestContext.Delivery("Hi", "vk:512345678/1/0"), default);
            await provider.GetRequiredKeyedService<VkChannel>("support").SendAsync(VkTestContext.Delivery("Hi", "vk:512345678/1/0"), default);
        }

        // The sales bot's own store is durable: no per-process salt. The support bot keeps conversations in memory: a new salt per process.
        var sales = _sales.Calls("messages.send").Select(c => c["random_id"]).ToArray();
        var support = _support.Calls("messages.send").Select(c => c["random_id"]).ToArray();
        Assert.Equal(sales[0], sales[1]);
        Assert.NotEqual(support[0], support[1]);
    }

    private void AssertRepliesWithOwnCredentials()
    {
        var salesReply = Assert.Single(_sales.Calls("messages.send"));
        var supportReply = Assert.Single(_support.Calls("messages.send"));
        Assert.Equal("Sales here", salesReply["message"]);
        Assert.Equal(SalesToken, salesReply["access_token"]);
        Assert.Equal(Fixture.UserId, salesReply["peer_id"]);
        Assert.Equal("Support here", supportReply["message"]);
        Assert.Equal(SupportToken, supportReply["access_token"]);
        Assert.Equal(Fixture.UserId, supportReply["peer_id"]);
        Assert.All(_sales.Requests.Where(r => r.Method is not null), r => Assert.Equal(SalesToken, r["access_token"]));
        Assert.All(_support.Requests.Where(r => r.Method is not null), r => Assert.Equal(SupportToken, r["access_token"]));
    }

    private static async Task AssertStoredSeparatelyAsync(IHost host)
    {
        var sales = host.Services.GetRequiredKeyedService<ChatBot>("sales");
        var support = host.Services.GetRequiredKeyedService<ChatBot>("support");
        Assert.NotSame(sales.Store, support.Store);
        await sales.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await support.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("sales", (await sales.Store.LoadAsync(Anna, default))!.Scenario);
        Assert.Equal("support", (await support.Store.LoadAsync(Anna, default))!.Scenario);
    }
}
