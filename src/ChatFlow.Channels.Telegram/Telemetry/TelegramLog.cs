using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// The channel's log messages, with stable event ids (3100–3199). Message text only at Trace;
/// the token and the webhook secret never.
/// </summary>
internal static partial class TelegramLog
{
    [LoggerMessage(3100, LogLevel.Debug, "Telegram update {UpdateId} ignored: {Reason}")]
    public static partial void UpdateIgnored(ILogger logger, int updateId, string reason);

    [LoggerMessage(3101, LogLevel.Warning, "Telegram webhook request rejected with {StatusCode}: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(3102, LogLevel.Information, "Telegram webhook registered at {Host}")]
    public static partial void WebhookRegistered(ILogger logger, string host);

    [LoggerMessage(3103, LogLevel.Information, "Telegram webhook deleted: this instance receives updates by long polling")]
    public static partial void WebhookDeleted(ILogger logger);

    [LoggerMessage(3104, LogLevel.Error, "Telegram answered getUpdates with 409 Conflict: another instance of this bot is polling with the same token, or a webhook is active. Polling again in {Delay}. ({Description})")]
    public static partial void PollingConflict(ILogger logger, TimeSpan delay, string description);

    [LoggerMessage(3105, LogLevel.Warning, "Telegram getUpdates failed: {Error}. Polling again in {Delay}")]
    public static partial void PollingFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(3106, LogLevel.Information, "Telegram long polling started")]
    public static partial void PollingStarted(ILogger logger);

    [LoggerMessage(3107, LogLevel.Information, "Telegram long polling stopped; next offset {Offset}")]
    public static partial void PollingStopped(ILogger logger, int offset);

    [LoggerMessage(3108, LogLevel.Error, "Telegram rejected {Method} to chat {ChatId} with {ErrorCode}: {Description}; the reply is dropped")]
    public static partial void SendRejected(ILogger logger, string method, long chatId, int errorCode, string description);

    [LoggerMessage(3109, LogLevel.Warning, "Telegram rate-limited {Method} to chat {ChatId}; retry after {RetryAfter}")]
    public static partial void RateLimited(ILogger logger, string method, long chatId, TimeSpan? retryAfter);

    [LoggerMessage(3110, LogLevel.Warning, "Telegram chat {ChatId} is unreachable ({Method}: {Description}); no more replies are sent to it")]
    public static partial void Unreachable(ILogger logger, string method, long chatId, string description);

    [LoggerMessage(3111, LogLevel.Warning, "Telegram {Method} to chat {ChatId} failed and will be retried: {Error}")]
    public static partial void SendFailed(ILogger logger, string method, long chatId, string error);

    [LoggerMessage(3112, LogLevel.Information, "Telegram group {From} became supergroup {To}; the conversation moves to the new id")]
    public static partial void ChatMigrated(ILogger logger, long from, long to);

    [LoggerMessage(3113, LogLevel.Warning, "Telegram could not parse the markup of {Method} to chat {ChatId} ({Description}); sending it as plain text")]
    public static partial void MarkupRejected(ILogger logger, string method, long chatId, string description);

    [LoggerMessage(3114, LogLevel.Warning, "Telegram answerCallbackQuery failed: {Error}")]
    public static partial void CallbackAnswerFailed(ILogger logger, string error);

    [LoggerMessage(3115, LogLevel.Critical, "Telegram rejected the bot token ({Method}: {ErrorCode} {Description}); check TelegramOptions.BotToken and ApiBaseUrl")]
    public static partial void TokenRejected(ILogger logger, string method, int errorCode, string description);

    [LoggerMessage(3116, LogLevel.Trace, "Telegram send to chat {ChatId}: {Text}")]
    public static partial void SendingText(ILogger logger, long chatId, string? text);

    [LoggerMessage(3117, LogLevel.Trace, "Telegram update {UpdateId} text: {Text}")]
    public static partial void UpdateText(ILogger logger, int updateId, string? text);

    [LoggerMessage(3118, LogLevel.Error, "Telegram update {UpdateId} could not be handed to the bot")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(3119, LogLevel.Warning, "Telegram unreachable event could not be raised")]
    public static partial void LifecycleNotRaised(ILogger logger, Exception exception);

    [LoggerMessage(3120, LogLevel.Error, "Telegram webhook registration or deletion failed at start-up: {Error}")]
    public static partial void WebhookSetupFailed(ILogger logger, string error);

    [LoggerMessage(3121, LogLevel.Warning, "Telegram could not move conversation {From} to {To}")]
    public static partial void MigrationNotMoved(ILogger logger, long from, long to);

    [LoggerMessage(3122, LogLevel.Information, "Telegram bot username is @{Username}; group commands addressed to other bots are ignored")]
    public static partial void BotUsernameKnown(ILogger logger, string username);

    [LoggerMessage(3123, LogLevel.Warning, "Telegram getMe failed: {Error}. Until the bot's username is known, group commands addressed to any bot (/command@name) are handled as this bot's. Asking again in {Delay}")]
    public static partial void BotUsernameUnknown(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(3124, LogLevel.Debug, "Telegram getMe failed again: {Error}. Asking again in {Delay}")]
    public static partial void BotUsernameLookupFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(3125, LogLevel.Warning, "Telegram update {UpdateId} could not be read and is skipped: {Reason}")]
    public static partial void UpdateUnreadable(ILogger logger, int updateId, string reason);

    [LoggerMessage(3126, LogLevel.Warning, "Telegram getUpdates returned an element without a numeric update_id (position {Index} of {Count}); it is skipped")]
    public static partial void UpdateWithoutId(ILogger logger, int index, int count);

    [LoggerMessage(3127, LogLevel.Trace, "Telegram getUpdates element that could not be read: {Json}")]
    public static partial void UnreadableUpdateJson(ILogger logger, string json);
}
