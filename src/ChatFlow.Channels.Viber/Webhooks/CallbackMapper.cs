using System.Globalization;

namespace ChatFlow.Channels.Viber;

/// <summary>Maps Viber callbacks to the channel-neutral model. A conversation is one user's chat with the bot: its id is the user's id.</summary>
internal static class CallbackMapper
{
    /// <summary>Maps a <c>message</c> callback; null when the message carries nothing the model represents.</summary>
    public static IncomingMessage? FromMessage(ViberCallback callback, ViberUser sender, TimeProvider clock)
    {
        var content = callback.Message is { } message ? ToContent(message) : null;
        return content is null ? null : Create(callback, sender.Id!, ToUser(sender), content, clock);
    }

    /// <summary>Maps <c>subscribed</c>, <c>unsubscribed</c> and <c>conversation_started</c>.</summary>
    public static IncomingMessage FromLifecycle(ViberCallback callback, LifecycleEvent lifecycleEvent, string userId, ViberUser? user, TimeProvider clock) =>
        Create(callback, userId, user is null ? new ChatUser(userId) : ToUser(user), new LifecycleContent(lifecycleEvent) { Context = callback.Context }, clock);

    /// <summary>Maps a delivery receipt; null when it lacks a token or a user.</summary>
    public static ViberReceipt? ToReceipt(ViberCallback callback, ViberReceiptKind kind, TimeProvider clock) =>
        callback.MessageToken is { } token && callback.UserId is { Length: > 0 } user
            ? new ViberReceipt(kind, token, user, Time(callback.Timestamp, clock)) { Description = callback.Description }
            : null;

    public static DateTimeOffset Time(long unixMilliseconds, TimeProvider clock) =>
        unixMilliseconds > 0 && unixMilliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds)
            : clock.GetUtcNow();

    private static IncomingMessage Create(ViberCallback callback, string chatId, ChatUser sender, MessageContent content, TimeProvider clock)
    {
        var token = callback.MessageToken?.ToString(CultureInfo.InvariantCulture);
        return new IncomingMessage(new ConversationAddress(ChannelId.Viber, chatId), sender, content)
        {
            UpdateId = token is null ? null : callback.Event + ":" + token,
            MessageId = token,
            Timestamp = Time(callback.Timestamp, clock),
            RawRepresentation = callback,
        };
    }

    private static ChatUser ToUser(ViberUser user) => new(user.Id!, string.IsNullOrWhiteSpace(user.Name) ? null : user.Name)
    {
        LanguageCode = string.IsNullOrWhiteSpace(user.Language) ? null : user.Language,
    };

    private static MessageContent? ToContent(ViberCallbackMessage m)
    {
        switch (m.Type)
        {
            case "text":
                return FromText(m.Text);
            case "picture" when m.Media is { Length: > 0 } media:
                return new MediaContent(MediaKind.Photo, media) { Caption = NullIfEmpty(m.Text), FileName = m.FileName, Size = m.Size };
            case "video" when m.Media is { Length: > 0 } media:
                return new MediaContent(MediaKind.Video, media) { Caption = NullIfEmpty(m.Text), Size = m.Size };
            case "file" when m.Media is { Length: > 0 } media:
                return new MediaContent(MediaKind.Document, media) { FileName = m.FileName, Size = m.Size };
            case "sticker" when (m.Media ?? m.StickerId?.ToString(CultureInfo.InvariantCulture)) is { Length: > 0 } sticker:
                return new MediaContent(MediaKind.Sticker, sticker);
            case "contact" when m.Contact?.PhoneNumber is { Length: > 0 } phone:
                // Viber does not say whether the contact is the sender's own (IsOwn stays false).
                return new ContactContent(phone) { FirstName = NullIfEmpty(m.Contact.Name) };
            case "location" when m.Location is { } location && LocationContent.IsValid(location.Latitude, location.Longitude):
                return new LocationContent(location.Latitude, location.Longitude);
            case "url" when m.Media is { Length: > 0 } url:
                return new TextContent(url);
            default:
                return string.IsNullOrEmpty(m.Text) ? null : FromText(m.Text);
        }
    }

    private static MessageContent? FromText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.StartsWith(KeyboardRenderer.CallbackPrefix, StringComparison.Ordinal))
        {
            return new ButtonContent(text[KeyboardRenderer.CallbackPrefix.Length..]);
        }

        return CommandContent.TryParse(text, out var command) ? command : new TextContent(text);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
