using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatFlow.Channels.Telegram;

/// <summary>What webhook and polling share: map an update, follow a group migration, answer callback queries.</summary>
internal sealed class UpdateProcessor(TelegramChannel channel)
{
    private readonly UpdateMapper _mapper = new(channel.Options, channel.TimeProvider);

    public TelegramChannel Channel => channel;

    /// <summary>Maps an update; moves the conversation when the update says a group became a supergroup.</summary>
    public async ValueTask<MappedUpdate> PrepareAsync(Update update, IChatDispatcher? dispatcher, CancellationToken ct)
    {
        var mapped = _mapper.Map(update);
        var logger = channel.Logger;
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

    private static ConversationAddress Address(long chatId) =>
        new(ChannelId.Telegram, chatId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
