using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// What webhook and polling share: map an update, drop group commands addressed to another bot, follow a group
/// migration, answer callback queries.
/// </summary>
internal sealed class UpdateProcessor(TelegramChannel channel)
{
    private readonly UpdateMapper _mapper = new(channel.Options, channel.TimeProvider);

    public TelegramChannel Channel => channel;

    /// <summary>Maps an update; moves the conversation when the update says a group became a supergroup.</summary>
    public async ValueTask<MappedUpdate> PrepareAsync(Update update, IChatDispatcher? dispatcher, CancellationToken ct)
    {
        var mapped = _mapper.Map(update);
        var logger = channel.Logger;
        if (mapped.Message is { Content: CommandContent } && Addressee(update.Message ?? update.EditedMessage) is { } addressee)
        {
            // Until the username is known, a command addressed to any bot counts as ours (BotIdentity logs that once).
            var username = await channel.Identity.GetAsync(ct).ConfigureAwait(false);
            if (username is not null && !string.Equals(addressee, username, StringComparison.OrdinalIgnoreCase))
            {
                mapped = MappedUpdate.Ignored("a command addressed to another bot, not to @" + username);
            }
        }

        if (mapped.Migration is var (from, to))
        {
            TelegramLog.ChatMigrated(logger, from, to);
            channel.RememberMigration(from, to);
            if (dispatcher is ChatBot bot)
            {
                var moved = await bot.MoveConversationAsync(Address(from), Address(to), ct).ConfigureAwait(false);
                if (!moved)
                {
                    TelegramLog.MigrationNotMoved(logger, from, to);
                }
            }
        }

        if (mapped.IgnoredBecause is { } reason)
        {
            TelegramLog.UpdateIgnored(logger, update.Id, reason);
        }
        else if (logger.IsEnabled(LogLevel.Trace))
        {
            TelegramLog.UpdateText(logger, update.Id, mapped.Message?.Text);
        }

        return mapped;
    }

    /// <summary>Stops the client's progress bar on a pressed button; failures are logged, never thrown.</summary>
    public async Task AnswerCallbackAsync(string callbackQueryId, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(channel.Options.RequestTimeout);
            await channel.Client.AnswerCallbackQuery(callbackQueryId, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            TelegramLog.CallbackAnswerFailed(channel.Logger, ex.Message);
        }
    }

    /// <summary>
    /// Gets the bot a group command is addressed to: <c>other_bot</c> for <c>/start@other_bot payload</c>. Null for a
    /// command without a suffix, and in private chats, where only this bot receives the message and Telegram's
    /// clients add no suffix: a suffix typed there by hand is still this bot's command.
    /// </summary>
    internal static string? Addressee(Message? message)
    {
        if (message is not { Chat: { } chat, Text: { Length: > 1 } text } || chat.Type == ChatType.Private || text[0] != '/')
        {
            return null;
        }

        // The command word ends where CommandContent.TryParse ends it.
        var head = text.AsSpan(1);
        var end = head.IndexOfAny(' ', '\n', '\t');
        if (end >= 0)
        {
            head = head[..end];
        }

        var at = head.IndexOf('@');
        return at < 0 || at == head.Length - 1 ? null : head[(at + 1)..].ToString();
    }

    private static ConversationAddress Address(long chatId) =>
        new(ChannelId.Telegram, chatId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
