using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Telegram.Tests;

public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cret_Token-1";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogCollectorFactory _logs = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeBotApi _api = null!;
    private TelegramChannel _channel = null!;
    private ChatBot _bot = null!;
    private TelegramWebhookHandler _handler = null!;
    private int _handled;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _channel = new TelegramChannel(TestSupport.Options(_api, o =>
        {
            o.Mode = TelegramReceiveMode.Webhook;
            o.WebhookSecret = Secret;
        }), loggerFactory: _logs);
        var scenario = Scenario.Define("t", s =>
        {
            s.Always()
                .OnCommand("ping").Do((_, _) =>
                {
                    Interlocked.Increment(ref _handled);
                    return ValueTask.CompletedTask;
                }).Say("pong").Stay()
                .OnCommand("slow").Do(async (_, _) => await _gate.Task).Say("done").Stay()
                .OnText("group hello").Say("hi group").Stay();
            s.Step("home").Say("Home").OnText("home").Stay();
        });
        _bot = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(_channel).UseTimeProvider(_clock));
        _handler = new TelegramWebhookHandler(_channel, _bot);
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
        _logs.Dispose();
    }

    private ValueTask<WebhookResponse> PostAsync(string? body, string? secret = Secret) => _handler.HandleAsync(TestSupport.Webhook(body, secret), default);

    [Fact]
    public async Task HandleAsync_MissingSecret_Returns401AndDispatchesNothing()
    {
        var response = await PostAsync(TestSupport.TextUpdate(1, TestSupport.AnnaId, "/ping"), secret: null);
        await _bot.WhenIdleAsync();

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(0, _handled);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData("s3cret_Token-2")]
    [InlineData("short")]
    [InlineData("s3cret_Token-1-and-more")]
    public async Task HandleAsync_WrongSecret_Returns403AndDispatchesNothing(string secret)
    {
        var response = await PostAsync(TestSupport.TextUpdate(1, TestSupport.AnnaId, "/ping"), secret);
        await _bot.WhenIdleAsync();

        Assert.Equal(403, response.StatusCode);
        Assert.Equal(0, _handled);
        Assert.DoesNotContain(Secret, string.Join("\n", _logs.Collector.GetSnapshot().Select(r => r.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_WrongSecretWithBadBody_Returns403BeforeParsing()
    {
        var response = await PostAsync("{not json", "nope");

        Assert.Equal(403, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"update_id": 1, "message": {"message_id": "x"}}""")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""{"update_id":1,"message":{"message_id":1,"chat":{"id":1,"type":"private"},"date":99999999999999,"from":{"id":1,"is_bot":false,"first_name":"A"},"text":"x"}}""")]
    public async Task HandleAsync_BodyThatIsNotAnUpdate_Returns400WithLoggedReason(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(400, response.StatusCode);
        var log = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Id == 3101);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Contains("400", log.Message, StringComparison.Ordinal);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task HandleAsync_EmptyBody_Returns400()
    {
        var response = await PostAsync(null);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("empty", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_TenMegabyteBody_Returns413WithoutParsing()
    {
        var body = new byte[10 * 1024 * 1024];
        Array.Fill(body, (byte)'{');
        var request = new WebhookRequest([new(TelegramWebhookHandler.SecretHeader, Secret)], body);

        var response = await _handler.HandleAsync(request, default);

        Assert.Equal(413, response.StatusCode);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task HandleAsync_UnknownUpdateType_Returns200AndIgnoresItAtDebug()
    {
        var response = await PostAsync("""{"update_id":77,"chat_boost":{"chat":{"id":1,"type":"channel","title":"c"},"boost":{"boost_id":"b","add_date":1,"expiration_date":2,"source":{"source":"premium","user":{"id":1,"is_bot":false,"first_name":"A"}}}}}""");
        await _bot.WhenIdleAsync();

        Assert.Equal(200, response.StatusCode);
        var log = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Id == 3100);
        Assert.Equal(LogLevel.Debug, log.Level);
        Assert.Empty(_api.Sends);
    }

    [Fact]
    public async Task HandleAsync_SameUpdateTwice_IsProcessedOnce()
    {
        var body = TestSupport.TextUpdate(4242, TestSupport.AnnaId, "/ping");

        var first = await PostAsync(body);
        var second = await PostAsync(body);
        await _bot.WhenIdleAsync();

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(1, _handled);
        Assert.Single(_api.Calls("sendMessage"));
    }

    [Fact]
    public async Task HandleAsync_SlowScenario_AnswersBeforeProcessingFinishes()
    {
        var response = await PostAsync(TestSupport.TextUpdate(5, TestSupport.AnnaId, "/slow"));

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_api.Sends);

        _gate.SetResult();
        await _bot.WhenIdleAsync();
        Assert.Equal("done", Assert.Single(_api.Calls("sendMessage"))["text"]);
    }

    [Fact]
    public async Task HandleAsync_CallbackWithoutMatchingRule_IsStillAnsweredInTheResponse()
    {
        var response = await PostAsync(TestSupport.Fixture("update_callback_query.json"));
        await _bot.WhenIdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"method":"answerCallbackQuery","callback_query_id":"1771047823465732101"}""", response.Body);
    }

    [Fact]
    public async Task HandleAsync_GroupMigratedToSupergroup_MovesTheConversation()
    {
        var group = new ConversationAddress(ChannelId.Telegram, "-4001");
        var super = new ConversationAddress(ChannelId.Telegram, "-1004001");
        await PostAsync("""{"update_id":10,"message":{"message_id":1,"from":{"id":5,"is_bot":false,"first_name":"D"},"chat":{"id":-4001,"title":"G","type":"group"},"date":1749991400,"text":"group hello"}}""");
        await _bot.WhenIdleAsync();
        Assert.NotNull(await _bot.GetConversationAsync(group));

        var response = await PostAsync("""{"update_id":11,"message":{"message_id":2,"from":{"id":5,"is_bot":false,"first_name":"D"},"chat":{"id":-4001,"title":"G","type":"group"},"date":1749991401,"migrate_to_chat_id":-1004001}}""");
        await _bot.WhenIdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Null(await _bot.GetConversationAsync(group));
        Assert.NotNull(await _bot.GetConversationAsync(super));
        await _channel.SendAsync(new OutgoingDelivery(group, "late reply", "k/9/0"), default);
        Assert.Equal(-1004001, _api.Calls("sendMessage").Last().ChatId);
    }

    [Fact]
    public async Task HandleAsync_EveryUpdateFixture_IsAccepted()
    {
        foreach (var fixture in TestSupport.AllFixtures().Where(f => f.StartsWith("update_", StringComparison.Ordinal)))
        {
            var response = await _handler.HandleAsync(new WebhookRequest([new(TelegramWebhookHandler.SecretHeader, Secret)], TestSupport.FixtureBytes(fixture)), default);
            Assert.True(response.StatusCode == 200, fixture + " got " + response.StatusCode);
        }

        await _bot.WhenIdleAsync();
    }

    [Fact]
    public async Task SetWebhookAsync_RegistersUrlSecretAndAllowedUpdates()
    {
        await _channel.SetWebhookAsync(new Uri("https://bot.example.org/webhooks/telegram"));

        var call = Assert.Single(_api.Calls("setWebhook"));
        Assert.Equal("https://bot.example.org/webhooks/telegram", call["url"]);
        Assert.Equal(Secret, call["secret_token"]);
        Assert.Equal("""["message","edited_message","callback_query","my_chat_member"]""", call.Json("allowed_updates")!.ToJsonString());
    }

    [Fact]
    public void Channel_IsTelegram() => Assert.Equal(ChannelId.Telegram, _handler.Channel);
}
