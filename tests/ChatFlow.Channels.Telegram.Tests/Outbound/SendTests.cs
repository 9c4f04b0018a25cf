using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Telegram.Bot;

namespace ChatFlow.Channels.Telegram.Tests;

public sealed class SendTests : IAsyncLifetime
{
    private static readonly ConversationAddress Anna = new(ChannelId.Telegram, "412345678");
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private TelegramChannel Channel(Action<TelegramOptions>? configure = null, ILoggerFactory? logs = null) =>
        new(TestSupport.Options(_api, configure), loggerFactory: logs);

    private static OutgoingDelivery Delivery(OutgoingMessage message, ConversationAddress? to = null) => new(to ?? Anna, message, "k/1/0");

    [Fact]
    public async Task SendAsync_Text_SendsMessageAsPlainTextAndReturnsMessageId()
    {
        var result = await Channel().SendAsync(Delivery("Hello!"), default);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal("5001", result.MessageId);
        var sent = Assert.Single(_api.Calls("sendMessage"));
        Assert.Equal(TestSupport.AnnaId, sent.ChatId);
        Assert.Equal("Hello!", sent["text"]);
        Assert.Null(sent["parse_mode"]);
        Assert.Null(sent["reply_markup"]);
        Assert.Equal(FakeBotApi.Token, sent.Token);
    }

    [Fact]
    public async Task SendAsync_UserValuesWithMarkupCharacters_AreSentVerbatimWithoutParseMode()
    {
        await Channel().SendAsync(Delivery("Order for <b>, _x_ *y* [z](u). Confirm?"), default);

        var sent = Assert.Single(_api.Calls("sendMessage"));
        Assert.Equal("Order for <b>, _x_ *y* [z](u). Confirm?", sent["text"]);
        Assert.Null(sent["parse_mode"]);
    }

    [Fact]
    public async Task SendAsync_HtmlModeWithEscapedValues_SendsEscapedHtml()
    {
        var name = "<b>";
        await Channel(o => o.ParseMode = global::Telegram.Bot.Types.Enums.ParseMode.Html).SendAsync(Delivery(TelegramFormat.Html($"Hi <i>{name}</i>")), default);

        var sent = Assert.Single(_api.Calls("sendMessage"));
        Assert.Equal("Hi <i>&lt;b&gt;</i>", sent["text"]);
        Assert.Equal("html", sent["parse_mode"]?.ToLowerInvariant());
    }

    [Fact]
    public async Task SendAsync_MarkupTelegramCannotParse_ResendsAsPlainText()
    {
        _api.Script("sendMessage", ScriptedResponse.Error(400, "Bad Request: can't parse entities: Unsupported start tag \"q\" at byte offset 0"));
        var result = await Channel(o => o.ParseMode = global::Telegram.Bot.Types.Enums.ParseMode.Html).SendAsync(Delivery("<q>hi"), default);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var calls = _api.Calls("sendMessage").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("html", calls[0]["parse_mode"]?.ToLowerInvariant());
        Assert.Null(calls[1]["parse_mode"]);
        Assert.Equal("<q>hi", calls[1]["text"]);
    }

    [Fact]
    public async Task SendAsync_ReplyKeyboard_RendersKeyboardWithContactLocationOneTimeResizeAndPlaceholder()
    {
        var keyboard = new Keyboard(
        [
            [Button.Reply("Catalog"), Button.Reply("Order")],
            [Button.RequestContact("Share my phone"), Button.RequestLocation("Where am I")],
        ]) { OneTime = true, Placeholder = "Pick one" };

        await Channel().SendAsync(Delivery(new OutgoingMessage("Menu", keyboard)), default);

        var markup = Assert.Single(_api.Calls("sendMessage")).Json("reply_markup")!;
        var expected = JsonNode.Parse("""
            {"keyboard":[[{"text":"Catalog"},{"text":"Order"}],[{"text":"Share my phone","request_contact":true},{"text":"Where am I","request_location":true}]],
             "resize_keyboard":true,"one_time_keyboard":true,"input_field_placeholder":"Pick one"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, markup), markup.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_InlineKeyboard_RendersCallbackAndUrlButtons()
    {
        var keyboard = new Keyboard([[Button.Callback("Haircut", "svc:haircut"), Button.Link("Site", "https://example.org/")], [Button.Callback("Back")]], inline: true);

        await Channel().SendAsync(Delivery(new OutgoingMessage("Pick", keyboard)), default);

        var markup = Assert.Single(_api.Calls("sendMessage")).Json("reply_markup")!;
        var expected = JsonNode.Parse("""
            {"inline_keyboard":[[{"text":"Haircut","callback_data":"svc:haircut"},{"text":"Site","url":"https://example.org/"}],[{"text":"Back","callback_data":"Back"}]]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, markup), markup.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_UrlButtonOnReplyKeyboard_BecomesALineOfText()
    {
        var keyboard = new Keyboard([[Button.Reply("Menu"), Button.Link("Site", "https://example.org/")]]);

        await Channel().SendAsync(Delivery(new OutgoingMessage("Hi", keyboard)), default);

        var sent = Assert.Single(_api.Calls("sendMessage"));
        Assert.Equal("Hi\nSite: https://example.org/", sent["text"]);
        Assert.Equal("""{"keyboard":[[{"text":"Menu"}]],"resize_keyboard":true}""", sent.Json("reply_markup")!.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_InlineKeyboardAskingForContact_IsSentAsReplyKeyboard()
    {
        var keyboard = new Keyboard([[Button.RequestContact("Share"), Button.Callback("Skip")]], inline: true);

        await Channel().SendAsync(Delivery(new OutgoingMessage("Phone?", keyboard)), default);

        var markup = Assert.Single(_api.Calls("sendMessage")).Json("reply_markup")!;
        Assert.Equal("""[[{"text":"Share","request_contact":true},{"text":"Skip"}]]""", markup["keyboard"]!.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_RemoveKeyboard_SendsReplyKeyboardRemove()
    {
        await Channel().SendAsync(Delivery(new OutgoingMessage("Bye") { RemoveKeyboard = true }), default);

        Assert.Equal("""{"remove_keyboard":true}""", Assert.Single(_api.Calls("sendMessage")).Json("reply_markup")!.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_PhotoByUrlWithCaption_SendsPhoto()
    {
        var message = new OutgoingMessage("Our mug") { Media = MediaAttachment.PhotoFromUrl("https://example.org/mug.jpg"), Keyboard = Buttons.Inline(["Buy"]) };

        var result = await Channel().SendAsync(Delivery(message), default);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var sent = Assert.Single(_api.Calls("sendPhoto"));
        Assert.Equal("https://example.org/mug.jpg", sent["photo"]);
        Assert.Equal("Our mug", sent["caption"]);
        Assert.Equal("""{"inline_keyboard":[[{"text":"Buy","callback_data":"Buy"}]]}""", sent.Json("reply_markup")!.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_DocumentByFileId_SendsDocumentWithFileId()
    {
        var message = new OutgoingMessage(null) { Media = MediaAttachment.FromFileReference(MediaKind.Document, "BQACAgIAAxkBAAIE") };

        await Channel().SendAsync(Delivery(message), default);

        var sent = Assert.Single(_api.Calls("sendDocument"));
        Assert.Equal("BQACAgIAAxkBAAIE", sent["document"]);
        Assert.Null(sent["caption"]);
    }

    [Fact]
    public async Task SendAsync_PhotoFromLocalFile_UploadsTheFileAsMultipart()
    {
        var path = Path.Combine(Path.GetTempPath(), "chatflow-tg-" + Guid.NewGuid().ToString("N") + ".png");
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4];
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var message = new OutgoingMessage("Scan") { Media = MediaAttachment.PhotoFromUrl(new Uri(path).AbsoluteUri) };

            await Channel().SendAsync(Delivery(message), default);

            var sent = Assert.Single(_api.Calls("sendPhoto"));
            Assert.Equal(bytes, sent.Files["photo"]);
            Assert.Equal("Scan", sent["caption"]);
            Assert.Equal(TestSupport.AnnaId, sent.ChatId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SendAsync_StreamFromOpenMedia_UploadsTheStream()
    {
        byte[] bytes = [1, 2, 3, 4, 5];
        var channel = Channel(o => o.OpenMedia = (media, _) => ValueTask.FromResult<Stream?>(media.Source == "db://price" ? new MemoryStream(bytes) : null));
        var message = new OutgoingMessage("Prices") { Media = MediaAttachment.DocumentFromUrl("db://price", "price.pdf") };

        await channel.SendAsync(Delivery(message), default);

        var sent = Assert.Single(_api.Calls("sendDocument"));
        Assert.Equal(bytes, sent.Files["document"]);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_ReturnsRetryLaterWithRetryAfterAndDoesNotRetryItself()
    {
        _api.Script("sendMessage", ScriptedResponse.Raw(429, TestSupport.Fixture("error_429_too_many_requests.json")));

        var result = await Channel().SendAsync(Delivery("Hi"), default);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(35), result.RetryAfter);
        Assert.Single(_api.Calls("sendMessage"));
    }

    [Fact]
    public async Task SendAsync_BotBlocked_ReturnsUnreachableAndRaisesLifecycleEvent()
    {
        _api.Script("sendMessage", ScriptedResponse.Raw(403, TestSupport.Fixture("error_403_bot_blocked.json")));
        var channel = Channel();
        var dispatcher = new RecordingDispatcher();
        _ = new TelegramWebhookHandler(channel, dispatcher);

        var result = await channel.SendAsync(Delivery("Hi"), default);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Contains("bot was blocked by the user", result.Error, StringComparison.Ordinal);
        var raised = Assert.Single(dispatcher.Messages);
        Assert.Equal(Anna, raised.Address);
        Assert.Equal(LifecycleEvent.Unreachable, Assert.IsType<LifecycleContent>(raised.Content).Event);
        Assert.Single(_api.Calls("sendMessage"));
    }

    [Fact]
    public async Task SendAsync_BadRequest_ReturnsFailedAndLogsMethodAndDescription()
    {
        _api.Script("sendMessage", ScriptedResponse.Error(400, "Bad Request: chat not found"));
        using var logs = new FakeLogCollectorFactory();

        var result = await Channel(logs: logs).SendAsync(Delivery("Hi"), default);

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("chat not found", result.Error, StringComparison.Ordinal);
        var record = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 3108);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Contains("sendMessage", record.Message, StringComparison.Ordinal);
        Assert.Contains("Bad Request: chat not found", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeBotApi.Token, string.Join("\n", logs.Collector.GetSnapshot().Select(r => r.Message)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""")]
    [InlineData(502, "<html>Bad Gateway</html>")]
    [InlineData(200, "{\"ok\":true,\"result\":{\"message_id\":")]
    public async Task SendAsync_ServerErrorOrMalformedAnswer_ReturnsRetryLater(int status, string body)
    {
        _api.Script("sendMessage", ScriptedResponse.Raw(status, body));

        var result = await Channel().SendAsync(Delivery("Hi"), default);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_SlowServer_TimesOutAsRetryLater()
    {
        _api.Script("sendMessage", ScriptedResponse.Slow(TimeSpan.FromSeconds(20)));

        var result = await Channel(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300)).SendAsync(Delivery("Hi"), default);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("timed out", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAsync_ConnectionDropped_ReturnsRetryLater()
    {
        _api.Script("sendMessage", ScriptedResponse.Drop());

        var result = await Channel().SendAsync(Delivery("Hi"), default);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
    }

    [Fact]
    public async Task SendAsync_GroupMigrated_ResendsToSupergroupAndKeepsUsingIt()
    {
        _api.Script("sendMessage", ScriptedResponse.Migrated(-1004001));
        var channel = Channel();
        var group = new ConversationAddress(ChannelId.Telegram, "-4001");

        var first = await channel.SendAsync(Delivery("One", group), default);
        var second = await channel.SendAsync(Delivery("Two", group), default);

        Assert.Equal(DeliveryStatus.Sent, first.Status);
        Assert.Equal(DeliveryStatus.Sent, second.Status);
        Assert.Equal([-4001L, -1004001L, -1004001L], _api.Calls("sendMessage").Select(r => r.ChatId));
    }

    [Fact]
    public async Task SendAsync_TokenRejected_ReturnsFailed()
    {
        var channel = new TelegramChannel(TestSupport.Options(_api, o => o.BotToken = "42:WRONG-token_abcdefghijklmnopqrstuv"));

        var result = await channel.SendAsync(Delivery("Hi"), default);

        Assert.Equal(DeliveryStatus.Failed, result.Status);
    }

    [Fact]
    public void GetService_TelegramBotClient_ReturnsTheClient()
    {
        var channel = Channel();

        Assert.Same(channel.Client, channel.GetService(typeof(ITelegramBotClient)));
        Assert.Same(channel, channel.GetService(typeof(TelegramChannel)));
        Assert.Null(channel.GetService(typeof(string)));
    }

    [Fact]
    public void Capabilities_DeclareTelegramLimits()
    {
        var caps = Channel().Capabilities;

        Assert.Equal(4096, caps.MaxTextLength);
        Assert.Equal(1024, caps.MaxCaptionLength);
        Assert.Equal(64, caps.MaxButtonPayloadBytes);
        Assert.Equal(ChannelId.Telegram, Channel().Id);
    }
}
