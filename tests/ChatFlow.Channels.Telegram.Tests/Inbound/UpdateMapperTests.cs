using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatFlow.Channels.Telegram.Tests;

public sealed class UpdateMapperTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    private static MappedUpdate Map(string fixture, Action<TelegramOptions>? configure = null)
    {
        var options = new TelegramOptions();
        configure?.Invoke(options);
        var update = JsonSerializer.Deserialize<Update>(TestSupport.Fixture(fixture), JsonBotAPI.Options)!;
        return new UpdateMapper(options, Clock).Map(update);
    }

    private static readonly ConversationAddress Anna = new(ChannelId.Telegram, "412345678");

    [Fact]
    public void Map_Text_MapsTextWithChatSenderIdsAndTime()
    {
        var message = Map("update_message_text.json").Message!;
        var text = Assert.IsType<TextContent>(message.Content);
        Assert.Equal("Привет! Хочу записаться", text.Text);
        Assert.Equal(Anna, message.Address);
        Assert.Equal("412345678", message.Sender.Id);
        Assert.Equal("Anna Petrova", message.Sender.DisplayName);
        Assert.Equal("anna_petrova", message.Sender.Username);
        Assert.Equal("ru", message.Sender.LanguageCode);
        Assert.False(message.Sender.IsBot);
        Assert.Equal("873204511", message.UpdateId);
        Assert.Equal("1204", message.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749991234), message.Timestamp);
        Assert.False(message.IsEdited);
        Assert.IsType<Update>(message.RawRepresentation);
    }

    [Fact]
    public void Map_StartDeepLink_MapsStartCommandWithPayload()
    {
        var command = Assert.IsType<CommandContent>(Map("update_message_start_deeplink.json").Message!.Content);
        Assert.Equal("start", command.Name);
        Assert.Equal("ref_summer25", command.ArgumentText);
        Assert.Equal(["ref_summer25"], command.Arguments);
    }

    [Fact]
    public void Map_GroupCommandWithBotName_ConversationPerChatSenderPerUser()
    {
        var message = Map("update_message_group.json").Message!;
        var command = Assert.IsType<CommandContent>(message.Content);
        Assert.Equal("menu", command.Name);
        Assert.Equal(string.Empty, command.ArgumentText);
        Assert.Equal(new ConversationAddress(ChannelId.Telegram, "-1001987654321"), message.Address);
        Assert.Equal("5123456789", message.Sender.Id);
        Assert.Equal("Dmitry", message.Sender.DisplayName);
        Assert.Equal("58231", message.MessageId);
    }

    [Fact]
    public void Map_CallbackQuery_MapsButtonWithPayloadLabelAndQueryToAnswer()
    {
        var mapped = Map("update_callback_query.json");
        var button = Assert.IsType<ButtonContent>(mapped.Message!.Content);
        Assert.Equal("svc:haircut", button.Payload);
        Assert.Equal("Стрижка", button.Label);
        Assert.Equal("1771047823465732101", button.CallbackId);
        Assert.Equal("1771047823465732101", mapped.CallbackQueryId);
        Assert.Equal(Anna, mapped.Message.Address);
        Assert.Equal("1205", mapped.Message.MessageId);
        Assert.Equal(Clock.GetUtcNow(), mapped.Message.Timestamp);
    }

    [Fact]
    public void Map_OwnContact_MapsContactMarkedAsOwn()
    {
        var contact = Assert.IsType<ContactContent>(Map("update_message_contact.json").Message!.Content);
        Assert.Equal("79161234567", contact.PhoneNumber);
        Assert.Equal("Anna", contact.FirstName);
        Assert.Equal("Petrova", contact.LastName);
        Assert.Equal("412345678", contact.UserId);
        Assert.True(contact.IsOwn);
    }

    [Fact]
    public void Map_SomeoneElsesContact_IsNotOwn()
    {
        var json = TestSupport.ContactUpdate(1, TestSupport.AnnaId, "+15550001111", contactUserId: 999);
        var update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!;
        var contact = Assert.IsType<ContactContent>(new UpdateMapper(new TelegramOptions(), Clock).Map(update).Message!.Content);
        Assert.False(contact.IsOwn);
        Assert.Equal("999", contact.UserId);
    }

    [Fact]
    public void Map_Location_MapsCoordinates()
    {
        var location = Assert.IsType<LocationContent>(Map("update_message_location.json").Message!.Content);
        Assert.Equal(55.751244, location.Latitude, 6);
        Assert.Equal(37.618423, location.Longitude, 6);
    }

    [Fact]
    public void Map_PhotoWithCaption_MapsLargestSizeAndCaption()
    {
        var media = Assert.IsType<MediaContent>(Map("update_message_photo_caption.json").Message!.Content);
        Assert.Equal(MediaKind.Photo, media.Kind);
        Assert.Equal("AgACAgIAAxkBAAIEvmZsA1b2cT0hXkq3yP9uVnLr8tGdAAJ52TEb8fJhS1yQ2r7cXw9aAQADAgADeQADNgQ", media.FileReference);
        Assert.Equal("Вот пример, как хочу", media.Caption);
        Assert.Equal(187502, media.Size);
    }

    [Theory]
    [InlineData("document", """{"file_id":"DOC1","file_unique_id":"u","file_name":"price.pdf","mime_type":"application/pdf","file_size":2048}""", "document", "DOC1")]
    [InlineData("voice", """{"file_id":"VOI1","file_unique_id":"u","duration":3,"mime_type":"audio/ogg"}""", "voice", "VOI1")]
    [InlineData("video", """{"file_id":"VID1","file_unique_id":"u","width":1,"height":1,"duration":3}""", "video", "VID1")]
    [InlineData("sticker", """{"file_id":"STK1","file_unique_id":"u","type":"regular","width":512,"height":512,"is_animated":false,"is_video":false}""", "sticker", "STK1")]
    public void Map_MediaKinds_MapFileIdAndCaption(string field, string json, string kind, string fileId)
    {
        var body = $$"""{"update_id":5,"message":{"message_id":9,"from":{"id":412345678,"is_bot":false,"first_name":"Anna"},"chat":{"id":412345678,"type":"private"},"date":1749991320,"caption":"see","{{field}}":{{json}} } }""";
        var update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options)!;
        var media = Assert.IsType<MediaContent>(new UpdateMapper(new TelegramOptions(), Clock).Map(update).Message!.Content);
        Assert.Equal(new MediaKind(kind), media.Kind);
        Assert.Equal(fileId, media.FileReference);
        Assert.Equal("see", media.Caption);
        if (field == "document")
        {
            Assert.Equal("price.pdf", media.FileName);
            Assert.Equal("application/pdf", media.MimeType);
        }
    }

    [Fact]
    public void Map_EditedMessageByDefault_IsIgnored()
    {
        var mapped = Map("update_edited_message.json");
        Assert.Null(mapped.Message);
        Assert.Contains("edited", mapped.IgnoredBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_EditedMessageHandledAsNew_MapsNewTextAsEdited()
    {
        var message = Map("update_edited_message.json", o => o.EditedMessages = TelegramEditedMessages.HandleAsNew).Message!;
        Assert.Equal("Привет! Хочу записаться на завтра", Assert.IsType<TextContent>(message.Content).Text);
        Assert.True(message.IsEdited);
        Assert.Equal("873204516", message.UpdateId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749991351), message.Timestamp);
    }

    [Fact]
    public void Map_MyChatMemberKicked_MapsUnsubscribed()
    {
        var message = Map("update_my_chat_member_blocked.json").Message!;
        var lifecycle = Assert.IsType<LifecycleContent>(message.Content);
        Assert.Equal(LifecycleEvent.Unsubscribed, lifecycle.Event);
        Assert.Equal("kicked", lifecycle.Context);
        Assert.Equal(Anna, message.Address);
        Assert.Equal("873204518", message.UpdateId);
    }

    [Fact]
    public void Map_MyChatMemberUnblocked_MapsSubscribed()
    {
        var json = TestSupport.Fixture("update_my_chat_member_blocked.json")
            .Replace("\"status\": \"member\"", "\"status\": \"was\"", StringComparison.Ordinal)
            .Replace("\"status\": \"kicked\"", "\"status\": \"member\"", StringComparison.Ordinal)
            .Replace("\"status\": \"was\"", "\"status\": \"kicked\"", StringComparison.Ordinal);
        var update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!;
        var lifecycle = Assert.IsType<LifecycleContent>(new UpdateMapper(new TelegramOptions(), Clock).Map(update).Message!.Content);
        Assert.Equal(LifecycleEvent.Subscribed, lifecycle.Event);
    }

    [Fact]
    public void Map_GroupMigrationServiceMessage_ReportsMigration()
    {
        var json = """{"update_id":7,"message":{"message_id":3,"from":{"id":1,"is_bot":false,"first_name":"A"},"chat":{"id":-4001,"title":"G","type":"group"},"date":1749991400,"migrate_to_chat_id":-1004001}}""";
        var update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!;
        var mapped = new UpdateMapper(new TelegramOptions(), Clock).Map(update);
        Assert.Null(mapped.Message);
        Assert.Equal((-4001L, -1004001L), mapped.Migration);
    }

    [Fact]
    public void Map_UnknownUpdateKind_IsIgnoredWithReason()
    {
        var json = """{"update_id":8,"message_reaction":{"chat":{"id":1,"type":"private"},"message_id":1,"date":1749991400,"old_reaction":[],"new_reaction":[]}}""";
        var update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!;
        var mapped = new UpdateMapper(new TelegramOptions(), Clock).Map(update);
        Assert.Null(mapped.Message);
        Assert.NotNull(mapped.IgnoredBecause);
    }

    [Fact]
    public void Map_GetUpdatesEnvelope_MapsBothUpdatesInOrder()
    {
        using var doc = JsonDocument.Parse(TestSupport.Fixture("getupdates_response_two_updates.json"));
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        var updates = doc.RootElement.GetProperty("result").Deserialize<Update[]>(JsonBotAPI.Options)!;
        var mapper = new UpdateMapper(new TelegramOptions(), Clock);
        var messages = updates.Select(u => mapper.Map(u).Message!).ToArray();
        Assert.Equal(["873204511", "873204512"], messages.Select(m => m.UpdateId));
        Assert.IsType<TextContent>(messages[0].Content);
        Assert.Equal("svc:haircut", Assert.IsType<ButtonContent>(messages[1].Content).Payload);
    }

    [Fact]
    public void Fixtures_EveryFileIsCoveredByATest()
    {
        // Updates are mapped above; the API responses are used by the send and polling tests.
        string[] covered =
        [
            "error_403_bot_blocked.json", "error_429_too_many_requests.json", "getupdates_response_two_updates.json",
            "sendmessage_response_ok.json", "update_callback_query.json", "update_edited_message.json",
            "update_message_contact.json", "update_message_group.json", "update_message_location.json",
            "update_message_photo_caption.json", "update_message_start_deeplink.json", "update_message_text.json",
            "update_my_chat_member_blocked.json",
        ];
        Assert.Equal(covered, TestSupport.AllFixtures());
    }
}
