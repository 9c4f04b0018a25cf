using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>The channel inside a running bot: the runtime's retries, splitting and payload tokens over the fake Bot API.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private static readonly string LongPayload = "order:" + new string('x', 120);
    private static readonly ConversationAddress Anna = new(ChannelId.Telegram, "412345678");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private FakeBotApi _api = null!;
    private TelegramChannel _channel = null!;
    private ChatBot _bot = null!;
    private TelegramWebhookHandler _webhook = null!;
    private int _unreachableEvents;
    private int _nextUpdate = 100;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _channel = new TelegramChannel(TestSupport.Options(_api, o => o.WebhookSecret = "s3cret_Token-1"));
        var scenario = Scenario.Define("t", s =>
        {
            s.Always()
                .OnEvent(LifecycleEvent.Unreachable).Do((_, _) =>
                {
                    Interlocked.Increment(ref _unreachableEvents);
                    return ValueTask.CompletedTask;
                }).Stay()
                .OnCommand("ping").Say("pong").Stay()
                .OnCommand("long").Say(string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet. ", 200))).Stay()
                .OnCommand("photo").Say(new OutgoingMessage(new string('c', 1500)) { Media = MediaAttachment.PhotoFromUrl("https://example.org/p.jpg") }).Stay()
                .OnCommand("pick").Say("Pick one", new Keyboard([[Button.Callback("Big order", LongPayload)]], inline: true)).Stay()
                .OnButton(LongPayload).Say("Got the big order").Stay();
            s.Step("home").Say("Home").OnText("home").Stay();
        });
        _bot = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(_channel).UseTimeProvider(_clock));
        _webhook = new TelegramWebhookHandler(_channel, _bot);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
    }

    private Task<DispatchResult> SendAsync(string text) =>
        _bot.DispatchAsync(new IncomingMessage(Anna, new ChatUser("412345678", "Anna"), CommandContent.TryParse(text, out var c) ? c : new TextContent(text))
        {
            UpdateId = (++_nextUpdate).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Timestamp = _clock.GetUtcNow(),
        }).AsTask();

    [Fact]
    public async Task Delivery_TooManyRequests_WaitsRetryAfterThenSendsOnce()
    {
        _api.Script("sendMessage", ScriptedResponse.Raw(429, TestSupport.Fixture("error_429_too_many_requests.json")));

        await SendAsync("/ping");
        Assert.Single(_api.Calls("sendMessage"));

        _clock.Advance(TimeSpan.FromSeconds(34));
        await _bot.RunDueWorkAsync();
        Assert.Single(_api.Calls("sendMessage"));

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _bot.RunDueWorkAsync();
        var calls = _api.Calls("sendMessage").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("pong", calls[1]["text"]);
        Assert.Empty((await _bot.GetConversationAsync(Anna))!.Outbox);
    }

    [Fact]
    public async Task Delivery_ServerError_RetriesWithBackoffUntilSent()
    {
        _api.Script("sendMessage", ScriptedResponse.Error(500, "Internal Server Error"), ScriptedResponse.Error(502, "Bad Gateway"));

        await SendAsync("/ping");
        for (var i = 0; i < 10 && _api.Calls("sendMessage").Count() < 3; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            await _bot.RunDueWorkAsync();
        }

        Assert.Equal(3, _api.Calls("sendMessage").Count());
        Assert.Empty((await _bot.GetConversationAsync(Anna))!.Outbox);
    }

    [Fact]
    public async Task Delivery_BotBlocked_MarksUnreachableRaisesEventAndNeverRetries()
    {
        _api.Script("sendMessage", ScriptedResponse.Raw(403, TestSupport.Fixture("error_403_bot_blocked.json")));

        await SendAsync("/ping");
        await _bot.WhenIdleAsync();

        Assert.Equal(1, _unreachableEvents);
        Assert.True((await _bot.GetConversationAsync(Anna))!.Unreachable);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await _bot.RunDueWorkAsync();
        Assert.Single(_api.Calls("sendMessage"));
    }

    [Fact]
    public async Task Delivery_BadRequest_IsDroppedWithoutRetry()
    {
        _api.Script("sendMessage", ScriptedResponse.Error(400, "Bad Request: message text is empty"));

        await SendAsync("/ping");
        _clock.Advance(TimeSpan.FromMinutes(10));
        await _bot.RunDueWorkAsync();

        Assert.Single(_api.Calls("sendMessage"));
        Assert.Empty((await _bot.GetConversationAsync(Anna))!.Outbox);
    }

    [Fact]
    public async Task Delivery_TextOver4096_IsSplitAtSentenceBoundaries()
    {
        await SendAsync("/long");

        var texts = _api.Calls("sendMessage").Select(r => r["text"]!).ToList();
        Assert.Equal(2, texts.Count);
        Assert.All(texts, t => Assert.InRange(t.Length, 1, 4096));
        Assert.EndsWith("amet.", texts[0], StringComparison.Ordinal);
        Assert.Equal(string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet. ", 200)).TrimEnd(), string.Join(" ", texts).TrimEnd());
    }

    [Fact]
    public async Task Delivery_CaptionOver1024_SendsPhotoThenTheRestAsText()
    {
        await SendAsync("/photo");

        var photo = Assert.Single(_api.Calls("sendPhoto"));
        Assert.Equal(1024, photo["caption"]!.Length);
        var rest = Assert.Single(_api.Calls("sendMessage"));
        Assert.Equal(1500 - 1024, rest["text"]!.Length);
        Assert.True(_api.Requests.ToList().IndexOf(photo) < _api.Requests.ToList().IndexOf(rest));
    }

    [Fact]
    public async Task Delivery_CallbackPayloadOver64Bytes_IsTokenizedAndResolvedWhenPressed()
    {
        await SendAsync("/pick");
        var data = Assert.Single(_api.Calls("sendMessage")).Json("reply_markup")!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();
        Assert.NotEqual(LongPayload, data);
        Assert.InRange(Encoding.UTF8.GetByteCount(data), 1, 64);

        var response = await _webhook.HandleAsync(TestSupport.Webhook(TestSupport.CallbackUpdate(5000, TestSupport.AnnaId, data, "cbq-1")), default);
        await _bot.WhenIdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"method":"answerCallbackQuery","callback_query_id":"cbq-1"}""", response.Body);
        Assert.Equal("Got the big order", _api.Calls("sendMessage").Last()["text"]);
    }
}
