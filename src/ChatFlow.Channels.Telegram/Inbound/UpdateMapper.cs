using System.Globalization;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// Maps Telegram updates to ChatFlow messages: the conversation is the chat (<c>chat.id</c>), the
/// sender is the user (<c>from.id</c>), the update id de-duplicates redeliveries. An update that lacks a field
/// Telegram always sends (a chat, a sender, a file id, a phone number…) is ignored, never mapped with nulls.
/// </summary>
internal sealed class UpdateMapper(TelegramOptions options, TimeProvider time)
{
    public MappedUpdate Map(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Message is { } message)
        {
            return MapMessage(update, message, edited: false);
        }

        if (update.EditedMessage is { } edited)
        {
            return options.EditedMessages == TelegramEditedMessages.HandleAsNew
                ? MapMessage(update, edited, edited: true)
                : MappedUpdate.Ignored("edited message (EditedMessages = Ignore)");
        }

        if (update.CallbackQuery is { } query)
        {
            return MapCallback(update, query);
        }

        if (update.MyChatMember is { } member)
        {
            return MapMembership(update, member);
        }

        return MappedUpdate.Ignored("update kind " + update.Type + " is not handled");
    }

    private MappedUpdate MapMessage(Update update, Message m, bool edited)
    {
        if (m.Chat is null)
        {
            return MappedUpdate.Ignored("message without a chat");
        }

        if (m.MigrateToChatId is long to)
        {
            return new MappedUpdate { Migration = (m.Chat.Id, to), IgnoredBecause = "group migrated to a supergroup" };
        }

        if (m.From is not { } from)
        {
            return MappedUpdate.Ignored("message without a sender (channel post or anonymous admin)");
        }

        MessageContent? content = m switch
        {
            { Text: { } text } => CommandContent.TryParse(text, out var command) ? command : new TextContent(text),
            { Contact: { PhoneNumber: { Length: > 0 } } c } => new ContactContent(c.PhoneNumber)
            {
                FirstName = c.FirstName,
                LastName = c.LastName,
                UserId = c.UserId?.ToString(CultureInfo.InvariantCulture),
                IsOwn = c.UserId == from.Id,
            },
            { Venue: { Location: not null } v } when LocationContent.IsValid(v.Location.Latitude, v.Location.Longitude) => new LocationContent(v.Location.Latitude, v.Location.Longitude) { Address = string.IsNullOrEmpty(v.Address) ? v.Title : v.Title + ", " + v.Address },
            { Location: { } l } when LocationContent.IsValid(l.Latitude, l.Longitude) => new LocationContent(l.Latitude, l.Longitude) { AccuracyMeters = l.HorizontalAccuracy },
            { Photo: [.., { FileId: { Length: > 0 } }] sizes } => Media(MediaKind.Photo, sizes[^1].FileId, m.Caption, null, null, sizes[^1].FileSize),
            { Sticker: { FileId: { Length: > 0 } } s } => Media(MediaKind.Sticker, s.FileId, m.Caption, null, null, s.FileSize),
            { Voice: { FileId: { Length: > 0 } } v } => Media(MediaKind.Voice, v.FileId, m.Caption, null, v.MimeType, v.FileSize),
            { Video: { FileId: { Length: > 0 } } v } => Media(MediaKind.Video, v.FileId, m.Caption, v.FileName, v.MimeType, v.FileSize),
            { VideoNote: { FileId: { Length: > 0 } } v } => Media(MediaKind.Video, v.FileId, m.Caption, null, null, v.FileSize),
            { Audio: { FileId: { Length: > 0 } } a } => Media(MediaKind.Audio, a.FileId, m.Caption, a.FileName, a.MimeType, a.FileSize),
            { Animation: { FileId: { Length: > 0 } } a } => Media(MediaKind.Document, a.FileId, m.Caption, a.FileName, a.MimeType, a.FileSize),
            { Document: { FileId: { Length: > 0 } } d } => Media(MediaKind.Document, d.FileId, m.Caption, d.FileName, d.MimeType, d.FileSize),
            _ => null,
        };
        if (content is null)
        {
            return MappedUpdate.Ignored("message of type " + m.Type + " is not handled");
        }

        return new MappedUpdate
        {
            Message = new IncomingMessage(Address(m.Chat.Id), Sender(from), content)
            {
                UpdateId = UpdateId(update),
                MessageId = m.MessageId.ToString(CultureInfo.InvariantCulture),
                Timestamp = Time(m.EditDate ?? m.Date),
                IsEdited = edited,
                RawRepresentation = update,
            },
        };
    }

    private MappedUpdate MapCallback(Update update, CallbackQuery q)
    {
        if (q.Message is not { } m || m.Chat is null)
        {
            return MappedUpdate.Ignored("callback query without a chat (inline-mode message)", q.Id);
        }

        if (q.Data is not { } data)
        {
            return MappedUpdate.Ignored("callback query without data (game)", q.Id);
        }

        if (q.From is null)
        {
            return MappedUpdate.Ignored("callback query without a sender", q.Id);
        }

        return new MappedUpdate
        {
            CallbackQueryId = q.Id,
            Message = new IncomingMessage(Address(m.Chat.Id), Sender(q.From), new ButtonContent(data, LabelOf(m.ReplyMarkup, data)) { CallbackId = q.Id })
            {
                UpdateId = UpdateId(update),
                MessageId = m.MessageId.ToString(CultureInfo.InvariantCulture),
                Timestamp = time.GetUtcNow(),
                RawRepresentation = update,
            },
        };
    }

    private MappedUpdate MapMembership(Update update, ChatMemberUpdated change)
    {
        if (change.Chat is null || change.From is null || change.NewChatMember is null || change.OldChatMember is null)
        {
            return MappedUpdate.Ignored("membership change without a chat, a sender or the old and new status");
        }

        var now = change.NewChatMember.Status;
        var before = change.OldChatMember.Status;
        var gone = now is ChatMemberStatus.Kicked or ChatMemberStatus.Left;
        var wasGone = before is ChatMemberStatus.Kicked or ChatMemberStatus.Left;
        LifecycleEvent lifecycle;
        if (gone && !wasGone)
        {
            lifecycle = LifecycleEvent.Unsubscribed;
        }
        else if (!gone && wasGone)
        {
            lifecycle = LifecycleEvent.Subscribed;
        }
        else
        {
            return MappedUpdate.Ignored($"membership change {before} -> {now}");
        }

        return new MappedUpdate
        {
            Message = new IncomingMessage(Address(change.Chat.Id), Sender(change.From), new LifecycleContent(lifecycle) { Context = now.ToString().ToLowerInvariant() })
            {
                UpdateId = UpdateId(update),
                Timestamp = Time(change.Date),
                RawRepresentation = update,
            },
        };
    }

    private static MediaContent Media(MediaKind kind, string fileId, string? caption, string? fileName, string? mimeType, long? size) =>
        new(kind, fileId) { Caption = caption, FileName = fileName, MimeType = mimeType, Size = size };

    private static string? LabelOf(InlineKeyboardMarkup? markup, string data) =>
        markup?.InlineKeyboard?.Where(r => r is not null).SelectMany(r => r).FirstOrDefault(b => b is not null && b.CallbackData == data)?.Text;

    private static ConversationAddress Address(long chatId) => new(ChannelId.Telegram, chatId.ToString(CultureInfo.InvariantCulture));

    private static ChatUser Sender(User user)
    {
        var name = string.IsNullOrEmpty(user.LastName) ? user.FirstName : user.FirstName + " " + user.LastName;
        return new ChatUser(user.Id.ToString(CultureInfo.InvariantCulture), name)
        {
            Username = user.Username,
            LanguageCode = user.LanguageCode,
            IsBot = user.IsBot,
        };
    }

    private static string UpdateId(Update update) => update.Id.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
