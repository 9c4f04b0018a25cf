using Microsoft.Extensions.Logging;

namespace ChatFlow;

/// <summary>ChatFlow's log messages with stable event ids. Message text is logged only at Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Processing {Content} in {Address}")]
    public static partial void Processing(ILogger logger, ConversationAddress address, MessageContent content);

    [LoggerMessage(2, LogLevel.Debug, "Dropped redelivered update {UpdateId} in {Address}")]
    public static partial void DuplicateDropped(ILogger logger, ConversationAddress address, string updateId);

    [LoggerMessage(3, LogLevel.Error, "User code failed in {Address} at step '{Step}'; the conversation keeps its last good state")]
    public static partial void UserCodeFailed(ILogger logger, Exception exception, ConversationAddress address, string? step);

    [LoggerMessage(4, LogLevel.Warning, "Conversation {Address} was changed by another writer; processing again (attempt {Attempt})")]
    public static partial void SaveConflict(ILogger logger, ConversationAddress address, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "Sending reply {Sequence} to {Address} failed (attempt {Attempt}): {Error}; retrying in {Delay}")]
    public static partial void DeliveryRetry(ILogger logger, ConversationAddress address, long sequence, int attempt, string? error, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Error, "Gave up sending reply {Sequence} to {Address} after {Attempts} attempts: {Error}")]
    public static partial void DeliveryDropped(ILogger logger, ConversationAddress address, long sequence, int attempts, string? error);

    [LoggerMessage(7, LogLevel.Error, "The channel rejected reply {Sequence} to {Address}: {Error}")]
    public static partial void DeliveryRejected(ILogger logger, ConversationAddress address, long sequence, string? error);

    [LoggerMessage(8, LogLevel.Information, "{Address} is unreachable ({Error}); replies to it are dropped until the user writes again")]
    public static partial void Unreachable(ILogger logger, ConversationAddress address, string? error);

    [LoggerMessage(9, LogLevel.Error, "No channel named '{Channel}' is registered; {Count} replies to {Address} are dropped")]
    public static partial void NoChannel(ILogger logger, ChannelId channel, ConversationAddress address, int count);

    [LoggerMessage(10, LogLevel.Debug, "Ignored a stale timer of step '{Step}' in {Address}")]
    public static partial void StaleTimer(ILogger logger, ConversationAddress address, string step);

    [LoggerMessage(11, LogLevel.Warning, "Channel '{Channel}' cannot show {What} in scenario '{Scenario}' ({Where}): {Degradation}")]
    public static partial void CapabilityWarning(ILogger logger, ChannelId channel, string what, string scenario, string where, string degradation);

    [LoggerMessage(12, LogLevel.Information, "{Address} was handed to an operator: {Reason}")]
    public static partial void HandedOff(ILogger logger, ConversationAddress address, string reason);

    [LoggerMessage(13, LogLevel.Trace, "Text in {Address}: {Text}")]
    public static partial void MessageText(ILogger logger, ConversationAddress address, string? text);

    [LoggerMessage(14, LogLevel.Error, "Processing due timers and retries failed")]
    public static partial void DueWorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "Could not save conversation {Address} after {Attempts} attempts; the message is dropped")]
    public static partial void SaveFailed(ILogger logger, ConversationAddress address, int attempts);

    [LoggerMessage(16, LogLevel.Error, "Processing in {Address} failed outside user code")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, ConversationAddress address);

    [LoggerMessage(17, LogLevel.Warning, "Conversation {Address} was at unknown step '{Step}' of scenario '{Scenario}' (was the scenario changed?); starting it over")]
    public static partial void UnknownStep(ILogger logger, ConversationAddress address, string? scenario, string? step);

    [LoggerMessage(18, LogLevel.Debug, "Conversation {Address} is with an operator; the bot stays silent")]
    public static partial void OperatorMode(ILogger logger, ConversationAddress address);
}
