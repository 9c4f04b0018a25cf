using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatFlow.Channels.Vk.Api;
using ChatFlow.Channels.Vk.Outbound;

namespace ChatFlow.Channels.Vk.Inbound;

/// <summary>Maps a VK event (Callback API body or Long Poll update) to an <see cref="IncomingMessage"/>; null for events the bot does not handle.</summary>
internal sealed class VkUpdateMapper(VkOptions options, TimeProvider time)
{
    /// <summary>Peer ids of group chats start here (2000000000 + chat id).</summary>
    public const long ChatPeerOffset = 2_000_000_000;

    private readonly Regex _mention = new(
        $@"^\[(?:club|public){options.GroupId.ToString(CultureInfo.InvariantCulture)}\|[^\]]*\][\s,:]*",
        RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    public IncomingMessage? Map(VkEvent update) => update.Type switch
    {
        "message_new" => MapMessage(ReadMessageNew(update.Object), update, edited: false),
        "message_edit" when options.DispatchEdits => MapMessage(VkApiClient.Read(update.Object, VkJsonContext.Default.VkMessage, "message_edit"), update, edited: true),
        "message_event" => MapEvent(VkApiClient.Read(update.Object, VkJsonContext.Default.VkMessageEvent, "message_event"), update),
        "message_allow" => MapPermission(update, LifecycleEvent.Subscribed),
        "message_deny" => MapPermission(update, LifecycleEvent.Unsubscribed),
        _ => null,
    };

    private static VkMessage ReadMessageNew(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("message", out _)
            ? VkApiClient.Read(value, VkJsonContext.Default.VkMessageNew, "message_new").Message ?? throw new VkApiException("message_new has no message")
            : VkApiClient.Read(value, VkJsonContext.Default.VkMessage, "message_new");

    private static ConversationAddress Address(long peerId) => new(ChannelId.Vk, peerId.ToString(CultureInfo.InvariantCulture));

    private static ChatUser User(long id) => new(id.ToString(CultureInfo.InvariantCulture));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private IncomingMessage? MapMessage(VkMessage message, VkEvent update, bool edited)
    {
        if (message.Out == 1 || message.PeerId == 0)
        {
            return null;
        }

        var chat = message.PeerId >= ChatPeerOffset;
        var text = message.Text ?? string.Empty;
        if (chat)
        {
            text = _mention.Replace(text, string.Empty, 1);
        }

        return new IncomingMessage(Address(message.PeerId), User(message.FromId), Content(message, text))
        {
            UpdateId = update.EventId,
            MessageId = Id(chat || message.Id == 0 ? message.ConversationMessageId : message.Id),
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(message.Date),
            IsEdited = edited,
            RawRepresentation = update.Object,
        };
    }

    private static MessageContent Content(VkMessage message, string text)
    {
        if (message.Geo?.Coordinates is { } point && LocationContent.IsValid(point.Latitude, point.Longitude))
        {
            return new LocationContent(point.Latitude, point.Longitude) { Address = message.Geo.Place?.Title };
        }

        if (!string.IsNullOrEmpty(message.Payload))
        {
            var payload = VkPayload.Decode(message.Payload, out var command);
            return command is not null && !string.IsNullOrWhiteSpace(command)
                ? new CommandContent(command)
                : new ButtonContent(payload, text);
        }

        if (CommandContent.TryParse(text, out var parsed))
        {
            return parsed;
        }

        if (message.Attachments is { Count: > 0 } attachments)
        {
            foreach (var attachment in attachments)
            {
                if (Media(attachment, text) is { } media)
                {
                    return media;
                }
            }
        }

        return new TextContent(text);
    }

    private static MediaContent? Media(JsonElement attachment, string caption)
    {
        if (attachment.ValueKind != JsonValueKind.Object
            || !attachment.TryGetProperty("type", out var typeValue)
            || typeValue.GetString() is not { } type
            || !attachment.TryGetProperty(type, out var body)
            || body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        MediaKind? kind = type switch
        {
            "photo" => MediaKind.Photo,
            "doc" => MediaKind.Document,
            "audio_message" => MediaKind.Voice,
            "video" => MediaKind.Video,
            "audio" => MediaKind.Audio,
            "sticker" => MediaKind.Sticker,
            _ => null,
        };
        if (kind is not { } k)
        {
            return null;
        }

        var media = VkApiClient.Read(body, VkJsonContext.Default.VkMedia, "attachment " + type);
        var reference = k == MediaKind.Sticker ? Id(media.StickerId) : VkMediaUploader.Attachment(type, media);
        return new MediaContent(k, reference)
        {
            Caption = caption.Length > 0 ? caption : null,
            FileName = media.Title,
            Size = media.Size,
        };
    }

    private IncomingMessage MapEvent(VkMessageEvent press, VkEvent update)
    {
        var payload = VkPayload.Decode(press.Payload, out _);
        return new IncomingMessage(Address(press.PeerId), User(press.UserId), new ButtonContent(payload) { CallbackId = press.EventId })
        {
            UpdateId = update.EventId,
            MessageId = Id(press.ConversationMessageId),
            Timestamp = time.GetUtcNow(),
            RawRepresentation = update.Object,
        };
    }

    private IncomingMessage MapPermission(VkEvent update, LifecycleEvent lifecycle)
    {
        var permission = VkApiClient.Read(update.Object, VkJsonContext.Default.VkMessagePermission, update.Type ?? "permission");
        return new IncomingMessage(Address(permission.UserId), User(permission.UserId), new LifecycleContent(lifecycle) { Context = permission.Key })
        {
            UpdateId = update.EventId,
            Timestamp = time.GetUtcNow(),
            RawRepresentation = update.Object,
        };
    }
}
