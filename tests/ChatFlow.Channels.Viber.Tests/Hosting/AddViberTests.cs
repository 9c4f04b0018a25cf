using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Viber.Tests;

public sealed class AddViberTests
{
    private static Scenario Scenario() => ViberHarness.EchoScenario();

    private static IHost BuildHost(Action<ViberOptions> configure, bool twice = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var flow = builder.Services.AddChatFlow().AddScenario(Scenario()).AddViber(configure);
        if (twice)
        {
            flow.AddViber(_ => { });
        }

        return builder.Build();
    }

    [Fact]
    public async Task StartAsync_MissingTokenAndLongSenderName_FailsWithMessagesThatSayWhatToFix()
    {
        using var host = BuildHost(o => o.SenderName = new string('x', 29));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("ViberOptions.AuthToken is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("SenderName is 29 characters long; Viber allows at most 28", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_InvalidValues_ReportsEachWithoutTheToken()
    {
        using var host = BuildHost(o =>
        {
            o.AuthToken = "secret-token-value";
            o.SenderName = "Shop";
            o.WebhookUrl = new Uri("http://insecure.example.com/viber");
            o.ButtonBackgroundColor = "blue";
            o.MaxMessagesPerUserPerHour = 500;
            o.WelcomeTimeout = TimeSpan.Zero;
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("WebhookUrl must be an absolute https://", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ButtonBackgroundColor is 'blue'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxMessagesPerUserPerHour is 500", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("WelcomeTimeout", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-token-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsArgumentExceptionWithoutTheToken()
    {
        var error = Assert.Throws<ArgumentException>(() => new ViberChannel(new ViberOptions { AuthToken = "secret token", SenderName = "Shop" }));

        Assert.Contains("AuthToken contains white space", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddViber_CalledTwice_RegistersEverythingOnce()
    {
        using var host = BuildHost(o =>
        {
            o.AuthToken = FakeViberServer.Token;
            o.SenderName = "Shop";
        }, twice: true);

        Assert.Single(host.Services.GetServices<IChatChannel>());
        Assert.Single(host.Services.GetServices<IWebhookHandler>());
        Assert.Same(host.Services.GetRequiredService<ViberChannel>(), Assert.Single(host.Services.GetServices<IBroadcastChannel>()));
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ViberWebhookRegistration>());
        Assert.Same(host.Services.GetRequiredService<ViberChannel>(), host.Services.GetRequiredService<ChatBot>().GetChannel(ChannelId.Viber));
        Assert.Same(host.Services.GetRequiredService<ViberWebhookHandler>(), host.Services.GetServices<IWebhookHandler>().Single());
    }

    [Fact]
    public async Task StartAsync_WithWebhookUrl_ChecksTheTokenAndSetsTheWebhookWithTheNeededEvents()
    {
        await using var server = await FakeViberServer.StartAsync();
        server.Enqueue("set_webhook", FakeReply.Json(Fixture.Text("set_webhook_response.json")));
        using var host = BuildHost(o =>
        {
            o.AuthToken = FakeViberServer.Token;
            o.SenderName = "Shop";
            o.ApiBaseUrl = server.ApiBaseUrl;
            o.WebhookUrl = new Uri("https://bot.example.com/webhooks/viber");
            o.SendPhoto = false;
            o.OnReceipt = (_, _) => ValueTask.CompletedTask;
        });

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["get_account_info", "set_webhook"], server.Requests.Select(r => r.ApiMethod));
        Assert.All(server.Requests, r => Assert.Equal(FakeViberServer.Token, r.Header("X-Viber-Auth-Token")));
        var body = server.Calls("set_webhook")[0].Json;
        Assert.Equal("https://bot.example.com/webhooks/viber", body["url"]!.GetValue<string>());
        Assert.Equal(["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"], body["event_types"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(body["send_name"]!.GetValue<bool>());
        Assert.False(body["send_photo"]!.GetValue<bool>());
    }

    [Fact]
    public void EventTypes_WithoutReceiptHandler_LifecycleEventsOnly() =>
        Assert.Equal(["subscribed", "unsubscribed", "conversation_started"], ViberWebhookRegistration.EventTypes(new ViberOptions()));

    [Fact]
    public async Task StartAsync_SetWebhookRejected_FailsWithViberStatus()
    {
        await using var server = await FakeViberServer.StartAsync();
        server.Enqueue("set_webhook", FakeReply.Status(1, "invalidUrl"));
        using var host = BuildHost(o =>
        {
            o.AuthToken = FakeViberServer.Token;
            o.SenderName = "Shop";
            o.ApiBaseUrl = server.ApiBaseUrl;
            o.WebhookUrl = new Uri("https://bot.example.com/webhooks/viber");
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var message = error is AggregateException all ? string.Join(" ", all.InnerExceptions.Select(e => e.Message)) : error.Message;
        Assert.Contains("set_webhook for https://bot.example.com/webhooks/viber failed: Viber status 1 (invalidUrl)", message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeViberServer.Token, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WrongToken_FailsBeforeSettingTheWebhook()
    {
        await using var server = await FakeViberServer.StartAsync();
        using var host = BuildHost(o =>
        {
            o.AuthToken = "wrong-token";
            o.SenderName = "Shop";
            o.ApiBaseUrl = server.ApiBaseUrl;
            o.WebhookUrl = new Uri("https://bot.example.com/webhooks/viber");
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("invalidAuthToken", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Calls("set_webhook"));
    }

    [Fact]
    public async Task StartAsync_WithoutWebhookUrl_CallsNothing_AndTheHandlerServesTheBot()
    {
        await using var server = await FakeViberServer.StartAsync();
        using var host = BuildHost(o =>
        {
            o.AuthToken = FakeViberServer.Token;
            o.SenderName = "Shop";
            o.ApiBaseUrl = server.ApiBaseUrl;
        });
        await host.StartAsync();
        Assert.Empty(server.Requests);

        var handler = host.Services.GetServices<IWebhookHandler>().Single(w => w.Channel == ChannelId.Viber);
        var response = await handler.HandleAsync(ViberHarness.Signed(Fixture.Bytes("callback_message_text.json")), CancellationToken.None);
        await host.Services.GetRequiredService<ChatBot>().WhenIdleAsync();
        await host.StopAsync();

        Assert.Equal(200, response.StatusCode);
        var sent = Assert.Single(server.Calls("send_message"));
        Assert.Equal("N1RQJNw0yUPpuV8EnSfSpA==", sent.Json["receiver"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendAsync_NotSubscribedUnderDI_RaisesTheUnreachableEventThroughTheBot()
    {
        await using var server = await FakeViberServer.StartAsync();
        server.Enqueue("send_message", FakeReply.Status(6, "receiverNotSubscribed"));
        using var host = BuildHost(o =>
        {
            o.AuthToken = FakeViberServer.Token;
            o.SenderName = "Shop";
            o.ApiBaseUrl = server.ApiBaseUrl;
        });
        await host.StartAsync();
        var bot = host.Services.GetRequiredService<ChatBot>();
        await bot.DispatchAsync(new IncomingMessage(ViberHarness.Olena, new ChatUser(ViberHarness.Olena.ChatId), new TextContent("hi")) { UpdateId = "message:1" });

        await bot.WhenIdleAsync();
        var state = await bot.GetConversationAsync(ViberHarness.Olena);
        await host.StopAsync();

        Assert.True(state!.Unreachable);
        // The idempotency key holds the conversation's creation time (conversation, creation time, reply 1, part 0).
        Assert.Contains(FormattableString.Invariant($"unreachable:viber:N1RQJNw0yUPpuV8EnSfSpA==/{state.CreatedAt.UtcTicks}/1/0"), state.RecentUpdates);
    }
}
