using System.Text.Json;
using ChatFlow.Channels.Vk.Api;
using ChatFlow.Channels.Vk.Inbound;
using ChatFlow.Channels.Vk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Vk.Tests.Inbound;

public sealed class VkUpdateMapperTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    private static IncomingMessage? Map(JsonElement update, bool edits = false)
    {
        var options = new VkOptions { AccessToken = "t", GroupId = Fixture.GroupId, DispatchEdits = edits };
        return new VkUpdateMapper(options, Clock).Map(VkApiClient.Read(update, VkJsonContext.Default.VkEvent, "test"));
    }

    private static IncomingMessage MapFixture(string name) => Map(Fixture.Json(name)) ?? throw new InvalidOperationException(name + " mapped to nothing");

    [Fact]
    public void Map_EveryFixture_ParsesAndMapsOrIsKnownNonEvent()
    {
        var events = 0;
        foreach (var name in Fixture.All)
        {
            var json = Fixture.Json(name);
            if (name.StartsWith("callback_", StringComparison.Ordinal))
            {
                var message = Map(json);
                Assert.True(name == "callback_confirmation.json" ? message is null : message is not null, name);
                events++;
            }
            else if (name.StartsWith("longpoll_response", StringComparison.Ordinal))
            {
                var response = json.Deserialize(VkJsonContext.Default.VkLongPollResponse)!;
                Assert.All(response.Updates!, u => Assert.NotNull(Map(u)));
                events += response.Updates!.Count;
            }
            else if (name.StartsWith("longpoll_failed", StringComparison.Ordinal))
            {
                Assert.NotNull(json.Deserialize(VkJsonContext.Default.VkLongPollResponse)!.Failed);
            }
            else if (name.StartsWith("groups_getLongPollServer", StringComparison.Ordinal))
            {
                var server = json.GetProperty("response").Deserialize(VkJsonContext.Default.VkLongPollServer)!;
                Assert.Equal("1523", server.Ts);
                Assert.Equal("https://lp.vk.com/wh229876543", server.Server);
            }
            else if (name.StartsWith("error_", StringComparison.Ordinal))
            {
                Assert.True(json.GetProperty("error").Deserialize(VkJsonContext.Default.VkErrorBody)!.ErrorCode > 0);
            }
            else if (name == "messages_send_peer_ids_response.json")
            {
                var results = json.GetProperty("response").Deserialize(VkJsonContext.Default.VkPeerSendResultArray)!;
                Assert.Equal(901, results[1].Error!.Code);
            }
            else
            {
                Assert.Equal("messages_send_response.json", name);
                Assert.Equal(2876, json.GetProperty("response").GetInt64());
            }
        }

        Assert.Equal(18, Fixture.All.Length);
        Assert.Equal(11, events);
    }

    [Fact]
    public void Map_MessageNewText_IsTextWithIdsAndTime()
    {
        var message = MapFixture("callback_message_new_text.json");
        var text = Assert.IsType<TextContent>(message.Content);
        Assert.Equal("Привет! Хочу записаться", text.Text);
        Assert.Equal(new ConversationAddress(ChannelId.Vk, "512345678"), message.Address);
        Assert.Equal("512345678", message.Sender.Id);
        Assert.Equal("e3f0a8c1b2d4e5f60718293a4b5c6d7e8f901234", message.UpdateId);
        Assert.Equal("2871", message.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749991234), message.Timestamp);
        Assert.False(message.IsEdited);
        var raw = Assert.IsType<JsonElement>(message.RawRepresentation);
        Assert.False(raw.TryGetProperty("secret", out _));
        Assert.Equal(2871, raw.GetProperty("message").GetProperty("id").GetInt64());
    }

    [Fact]
    public void Map_TextButtonPayloadString_IsButtonPressWithLabel()
    {
        var message = MapFixture("callback_message_new_button_payload.json");
        var button = Assert.IsType<ButtonContent>(message.Content);
        Assert.Equal("{\"cmd\":\"prices\",\"page\":1}", button.Payload);
        Assert.Equal("Цены", button.Label);
    }

    [Fact]
    public void Map_ChatFlowWrappedPayload_IsUnwrapped()
    {
        var json = Fixture.With("callback_message_new_button_payload.json", ("{\\\"cmd\\\":\\\"prices\\\",\\\"page\\\":1}", "{\\\"p\\\":\\\"order:42\\\"}"));
        var message = Map(JsonDocument.Parse(json).RootElement)!;
        Assert.Equal(new ButtonContent("order:42", "Цены"), message.Content);
    }

    [Fact]
    public void Map_StartButtonPayload_IsStartCommand()
    {
        var json = Fixture.With("callback_message_new_button_payload.json", ("{\\\"cmd\\\":\\\"prices\\\",\\\"page\\\":1}", "{\\\"command\\\":\\\"start\\\"}"));
        var command = Assert.IsType<CommandContent>(Map(JsonDocument.Parse(json).RootElement)!.Content);
        Assert.Equal("start", command.Name);
    }

    [Fact]
    public void Map_SlashText_IsCommand()
    {
        var json = Fixture.With("callback_message_new_text.json", ("Привет! Хочу записаться", "/start promo"));
        var command = Assert.IsType<CommandContent>(Map(JsonDocument.Parse(json).RootElement)!.Content);
        Assert.Equal("start", command.Name);
        Assert.Equal("promo", command.ArgumentText);
    }

    [Fact]
    public void Map_Photo_IsPhotoMediaWithAttachmentStringAndCaption()
    {
        var media = Assert.IsType<MediaContent>(MapFixture("callback_message_new_photo.json").Content);
        Assert.Equal(MediaKind.Photo, media.Kind);
        Assert.Equal("photo512345678_457239187_5d1c2b3a4e6f7a8b9c", media.FileReference);
        Assert.Equal("Вот пример, как хочу", media.Caption);
    }

    [Theory]
    [InlineData("doc", "{\"id\":680001,\"owner_id\":512345678,\"title\":\"cv.pdf\",\"size\":2048,\"ext\":\"pdf\",\"access_key\":\"k1\"}", "document", "doc512345678_680001_k1")]
    [InlineData("audio_message", "{\"id\":7001,\"owner_id\":512345678,\"duration\":3,\"link_ogg\":\"https://x/a.ogg\",\"access_key\":\"k2\"}", "voice", "audio_message512345678_7001_k2")]
    [InlineData("sticker", "{\"product_id\":279,\"sticker_id\":9012}", "sticker", "9012")]
    [InlineData("video", "{\"id\":456239017,\"owner_id\":512345678}", "video", "video512345678_456239017")]
    public void Map_OtherAttachments_AreMediaOfTheirKind(string type, string body, string kind, string reference)
    {
        var json = Fixture.With(
            "callback_message_new_text.json",
            ("\"attachments\": []", $"\"attachments\": [{{\"type\":\"{type}\",\"{type}\":{body}}}]"),
            ("Привет! Хочу записаться", string.Empty));
        var media = Assert.IsType<MediaContent>(Map(JsonDocument.Parse(json).RootElement)!.Content);
        Assert.Equal(new MediaKind(kind), media.Kind);
        Assert.Equal(reference, media.FileReference);
        Assert.Null(media.Caption);
        if (type == "doc")
        {
            Assert.Equal("cv.pdf", media.FileName);
            Assert.Equal(2048, media.Size);
        }
    }

    [Fact]
    public void Map_Geo_IsLocationWithPlace()
    {
        var location = Assert.IsType<LocationContent>(MapFixture("callback_message_new_geo.json").Content);
        Assert.Equal(59.939095, location.Latitude);
        Assert.Equal(30.315868, location.Longitude);
        Assert.Equal("Дворцовая площадь, Санкт-Петербург", location.Address);
    }

    [Fact]
    public void Map_GroupChat_UsesPeerAndConversationMessageIdAndStripsMention()
    {
        var message = MapFixture("callback_message_new_chat.json");
        Assert.Equal(new ConversationAddress(ChannelId.Vk, "2000000003"), message.Address);
        Assert.Equal("498765432", message.Sender.Id);
        Assert.Equal("77", message.MessageId);
        Assert.Equal(new TextContent("меню"), message.Content);
    }

    [Fact]
    public void Map_MessageEventWithObjectPayload_IsButtonPressWithCallbackId()
    {
        var message = MapFixture("callback_message_event.json");
        var button = Assert.IsType<ButtonContent>(message.Content);
        using var payload = JsonDocument.Parse(button.Payload);
        Assert.Equal("book", payload.RootElement.GetProperty("cmd").GetString());
        Assert.Equal("2025-06-16T10:00", payload.RootElement.GetProperty("slot").GetString());
        Assert.Equal("b8c3e1f04a27", button.CallbackId);
        Assert.Equal("7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b", message.UpdateId);
        Assert.Equal("1463", message.MessageId);
        Assert.Equal(Clock.GetUtcNow(), message.Timestamp);
    }

    [Theory]
    [InlineData("\"{\\\"p\\\":\\\"Yes\\\"}\"", "Yes")]
    [InlineData("{\"p\":\"Yes\"}", "Yes")]
    [InlineData("\"plain\"", "plain")]
    public void Map_MessageEventWithStringOrWrappedPayload_IsDecoded(string payload, string expected)
    {
        var json = Fixture.Text("callback_message_event.json");
        var start = json.IndexOf("\"payload\": {", StringComparison.Ordinal) + "\"payload\": ".Length;
        var end = json.IndexOf('}', start) + 1;
        var changed = json[..start] + payload + json[end..];
        var button = Assert.IsType<ButtonContent>(Map(JsonDocument.Parse(changed).RootElement)!.Content);
        Assert.Equal(expected, button.Payload);
    }

    [Fact]
    public void Map_MessageAllow_IsSubscribedWithKey()
    {
        var message = MapFixture("callback_message_allow.json");
        Assert.Equal(new LifecycleContent(LifecycleEvent.Subscribed) { Context = "promo_june" }, message.Content);
        Assert.Equal(new ConversationAddress(ChannelId.Vk, "512345678"), message.Address);
        Assert.Equal("1234abcd5678ef901234abcd5678ef901234abcd", message.UpdateId);
    }

    [Fact]
    public void Map_MessageDeny_IsUnsubscribed()
    {
        var message = MapFixture("callback_message_deny.json");
        Assert.Equal(LifecycleEvent.Unsubscribed, Assert.IsType<LifecycleContent>(message.Content).Event);
        Assert.Equal("512345678", message.Sender.Id);
    }

    [Fact]
    public void Map_MessageEdit_IsIgnoredUnlessEnabled()
    {
        var json = Fixture.Text("callback_message_new_text.json");
        using var document = JsonDocument.Parse(json);
        var message = document.RootElement.GetProperty("object").GetProperty("message").GetRawText();
        var edit = $"{{\"group_id\":229876543,\"type\":\"message_edit\",\"event_id\":\"ed1\",\"v\":\"5.199\",\"object\":{message.Replace("Привет! Хочу записаться", "Исправлено", StringComparison.Ordinal)}}}";
        var element = JsonDocument.Parse(edit).RootElement;

        Assert.Null(Map(element));
        var mapped = Map(element, edits: true)!;
        Assert.True(mapped.IsEdited);
        Assert.Equal(new TextContent("Исправлено"), mapped.Content);
        Assert.Equal("2871", mapped.MessageId);
    }

    [Fact]
    public void Map_UnknownType_IsNull()
    {
        var element = JsonDocument.Parse("{\"type\":\"wall_post_new\",\"group_id\":229876543,\"event_id\":\"w1\",\"object\":{\"id\":1}}").RootElement;
        Assert.Null(Map(element));
    }
}
