using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>
/// Authentic updates that lack a field Telegram always sends: the webhook answers 200 and ignores them (logged at
/// Debug), instead of throwing or handing the bot a message with nulls where the model promises values.
/// </summary>
public sealed class IncompleteUpdateTests : IAsyncLifetime
{
    private const string Secret = "s3cret_Token-1";
    private const string Anna = """{"id":412345678,"is_bot":false,"first_name":"Anna"}""";
    private const string Chat = """{"id":412345678,"type":"private"}""";
    private readonly FakeLogCollectorFactory _logs = new();
    private readonly RecordingDispatcher _dispatcher = new();
    private FakeBotApi _api = null!;
    private TelegramWebhookHandler _handler = null!;

    public static TheoryData<string> Incomplete =>
    [
        Json("""{"update_id":1,"message":{"message_id":1,"from":@anna,"date":1,"text":"no chat"}}"""),
        Json("""{"update_id":1,"message":{"message_id":1,"from":@anna,"chat":@chat,"date":1,"venue":{"title":"no location"}}}"""),
        Json("""{"update_id":1,"message":{"message_id":1,"from":@anna,"chat":@chat,"date":1,"contact":{"first_name":"no phone"}}}"""),
        Json("""{"update_id":1,"message":{"message_id":1,"from":@anna,"chat":@chat,"date":1,"document":{"file_name":"no id.pdf"}}}"""),
        Json("""{"update_id":1,"message":{"message_id":1,"from":@anna,"chat":@chat,"date":1,"photo":[{"width":90,"height":90}]}}"""),
        Json("""{"update_id":1,"message":{"message_id":1,"from":@anna,"chat":@chat,"date":1,"sticker":{}}}"""),
        Json("""{"update_id":1,"callback_query":{"id":"q1","data":"size:m","message":{"message_id":1,"date":5,"chat":@chat}}}"""),
        """{"update_id":1,"my_chat_member":{}}""",
        Json("""{"update_id":1,"my_chat_member":{"chat":@chat,"from":@anna,"date":1}}"""),
    ];

    /// <summary>Fills in <c>@anna</c> (the sender) and <c>@chat</c> (her private chat).</summary>
    private static string Json(string template) => template.Replace("@anna", Anna, StringComparison.Ordinal).Replace("@chat", Chat, StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        var channel = new TelegramChannel(TestSupport.Options(_api, o =>
        {
            o.Mode = TelegramReceiveMode.Webhook;
            o.WebhookSecret = Secret;
            o.EditedMessages = TelegramEditedMessages.HandleAsNew;
        }), loggerFactory: _logs);
        _handler = new TelegramWebhookHandler(channel, _dispatcher);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _logs.Dispose();
    }

    [Theory]
    [MemberData(nameof(Incomplete))]
    public async Task HandleAsync_UpdateWithoutAFieldTelegramAlwaysSends_Returns200AndIgnoresIt(string body)
    {
        var response = await _handler.HandleAsync(TestSupport.Webhook(body, Secret), default);

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_dispatcher.Messages);
        var log = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Id == 3100);
        Assert.Equal(LogLevel.Debug, log.Level);
    }

    [Fact]
    public async Task HandleAsync_EditedMessageWithoutAChat_Returns200AndIgnoresIt()
    {
        var response = await _handler.HandleAsync(TestSupport.Webhook(Json("""{"update_id":1,"edited_message":{"message_id":1,"from":@anna,"date":1,"edit_date":2,"text":"x"}}"""), Secret), default);

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_PressUnderAKeyboardWithEmptyRows_IsDispatchedWithoutALabel()
    {
        var body = Json("""{"update_id":1,"callback_query":{"id":"q1","from":@anna,"chat_instance":"-1","data":"size:m","message":{"message_id":1,"date":5,"chat":@chat,"text":"Which size?","reply_markup":{"inline_keyboard":[null,[null]]}}}}""");

        var response = await _handler.HandleAsync(TestSupport.Webhook(body, Secret), default);

        Assert.Equal(200, response.StatusCode);
        var press = Assert.IsType<ButtonContent>(Assert.Single(_dispatcher.Messages).Content);
        Assert.Equal("size:m", press.Payload);
        Assert.Null(press.Label);
    }
}
