using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ShopBot;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>The ShopBot order scenario over the fake Bot API: once by long polling, once through the webhook handler.</summary>
public sealed class ShopBotEndToEndTests : IAsyncLifetime
{
    private const string Secret = "shop_Secret-42";
    private const string MenuKeyboard = """{"keyboard":[[{"text":"Catalog"},{"text":"Order"}],[{"text":"FAQ"},{"text":"Call an operator"}]],"resize_keyboard":true}""";
    private FakeBotApi _api = null!;
    private IHost _host = null!;
    private readonly FakeLogCollector _logs = new();
    private int _updateId = 700_000;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _api.DisposeAsync();
    }

    private async Task StartAsync(TelegramReceiveMode mode)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new FakeLoggerProvider(_logs));
        builder.Services.AddSingleton<InMemoryLeadSink>();
        builder.Services.AddSingleton<ILeadSink>(sp => sp.GetRequiredService<InMemoryLeadSink>());
        builder.Services.AddChatFlow().AddScenario(ShopScenario.Create()).AddTelegram(o =>
        {
            TestSupport.Apply(_api, o);
            o.Mode = mode;
            o.WebhookSecret = Secret;
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    /// <summary>Sends one update the way the mode receives it and returns the replies it produced.</summary>
    private async Task<List<RecordedRequest>> UserSendsAsync(TelegramReceiveMode mode, string update, int replies)
    {
        var before = _api.Sends.Count();
        if (mode == TelegramReceiveMode.LongPolling)
        {
            _api.EnqueueUpdate(update);
        }
        else
        {
            var handler = _host.Services.GetRequiredService<TelegramWebhookHandler>();
            var response = await handler.HandleAsync(TestSupport.Webhook(update, Secret), default);
            Assert.Equal(200, response.StatusCode);
        }

        await _api.WaitForAsync(r => r.Method.StartsWith("send", StringComparison.Ordinal), before + replies);
        return _api.Sends.Skip(before).ToList();
    }

    private string Text(string text) => TestSupport.TextUpdate(++_updateId, TestSupport.AnnaId, text);

    [Theory]
    [InlineData(TelegramReceiveMode.LongPolling)]
    [InlineData(TelegramReceiveMode.Webhook)]
    public async Task OrderScenario_CompletedOverTelegram_SendsTheExpectedRequests(TelegramReceiveMode mode)
    {
        await StartAsync(mode);

        var menu = Assert.Single(await UserSendsAsync(mode, Text("/start"), 1));
        Assert.Equal("sendMessage", menu.Method);
        Assert.Equal(TestSupport.AnnaId, menu.ChatId);
        Assert.Equal("Hi! Welcome to ChatFlow Shop. How can I help?", menu["text"]);
        AssertJson(MenuKeyboard, menu.Json("reply_markup"));

        var name = Assert.Single(await UserSendsAsync(mode, Text("Order"), 1));
        Assert.Equal("What is your name?", name["text"]);

        var phone = Assert.Single(await UserSendsAsync(mode, Text("<b>Anna</b>"), 1));
        Assert.Equal("Your phone number?", phone["text"]);
        AssertJson("""{"keyboard":[[{"text":"Share my phone","request_contact":true}]],"resize_keyboard":true,"one_time_keyboard":true}""", phone.Json("reply_markup"));

        var confirm = Assert.Single(await UserSendsAsync(mode, TestSupport.ContactUpdate(++_updateId, TestSupport.AnnaId, "79161234567", TestSupport.AnnaId), 1));
        Assert.Equal("Order for <b>Anna</b>, +79161234567. Confirm?", confirm["text"]);
        Assert.Null(confirm["parse_mode"]);
        AssertJson("""{"keyboard":[[{"text":"Yes"},{"text":"Change"}]],"resize_keyboard":true,"one_time_keyboard":true}""", confirm.Json("reply_markup"));

        var done = await UserSendsAsync(mode, Text("Yes"), 2);
        Assert.Equal("Thank you! Your order is placed; our manager will call you soon.", done[0]["text"]);
        Assert.Equal("Hi! Welcome to ChatFlow Shop. How can I help?", done[1]["text"]);
        AssertJson(MenuKeyboard, done[1].Json("reply_markup"));

        Assert.All(_api.Sends, r => Assert.Equal(TestSupport.AnnaId, r.ChatId));
        Assert.Equal(new Lead("<b>Anna</b>", "+79161234567"), Assert.Single(_host.Services.GetRequiredService<InMemoryLeadSink>().Leads));
        var logged = _logs.GetSnapshot();
        Assert.Contains(logged, r => r.Category == "ChatFlow.Channels.Telegram");
        Assert.DoesNotContain(logged, r => r.Message.Contains("TEST-token", StringComparison.Ordinal) || r.Message.Contains(Secret, StringComparison.Ordinal));
        if (mode == TelegramReceiveMode.LongPolling)
        {
            Assert.Equal("deleteWebhook", _api.Requests[0].Method);
        }
        else
        {
            Assert.Empty(_api.Calls("getUpdates"));
        }
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), "Expected " + expected + " but got " + actual?.ToJsonString());
}
