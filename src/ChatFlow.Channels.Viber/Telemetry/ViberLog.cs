using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Viber;

/// <summary>The Viber channel's log messages (event ids 3001-3099). Message text only at Trace; the token never.</summary>
internal static partial class ViberLog
{
    public const string Category = "ChatFlow.Channels.Viber";

    [LoggerMessage(3001, LogLevel.Debug, "Sent {Requests} Viber message(s) to {Address}")]
    public static partial void Sent(ILogger logger, ConversationAddress address, int requests);

    [LoggerMessage(3002, LogLevel.Trace, "Text to {Address}: {Text}")]
    public static partial void SentText(ILogger logger, ConversationAddress address, string? text);

    [LoggerMessage(3003, LogLevel.Warning, "Sending to {Address} failed before Viber answered: {Error}; it is retried")]
    public static partial void TransportFailed(ILogger logger, ConversationAddress address, string error);

    [LoggerMessage(3004, LogLevel.Information, "{Address} cannot get Viber messages: {Error}")]
    public static partial void Unreachable(ILogger logger, ConversationAddress address, string error);

    [LoggerMessage(3005, LogLevel.Warning, "Viber asked to slow down sending to {Address} ({Error}); waiting {Delay}")]
    public static partial void TooManyRequests(ILogger logger, ConversationAddress address, string error, TimeSpan delay);

    [LoggerMessage(3006, LogLevel.Warning, "Viber rejected a message to {Address}: status {Status} ({StatusName}): {StatusMessage}")]
    public static partial void Rejected(ILogger logger, ConversationAddress address, int status, string statusName, string? statusMessage);

    [LoggerMessage(3007, LogLevel.Error, "Viber rejected the auth token (status 2, {StatusMessage}); check ViberOptions.AuthToken")]
    public static partial void InvalidToken(ILogger logger, string? statusMessage);

    [LoggerMessage(3008, LogLevel.Warning, "{Address} got {Sent} messages in the last hour without writing back and Viber allows {Limit}; the next message waits {Wait}")]
    public static partial void QuotaReached(ILogger logger, ConversationAddress address, int sent, int limit, TimeSpan wait);

    [LoggerMessage(3009, LogLevel.Warning, "A message to {Address} cannot be sent: {Error}")]
    public static partial void CannotRender(ILogger logger, ConversationAddress address, string error);

    [LoggerMessage(3010, LogLevel.Warning, "Rejected a Viber webhook request with {StatusCode}: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(3011, LogLevel.Debug, "Dropped a repeated Viber callback {Key}")]
    public static partial void DuplicateCallback(ILogger logger, string key);

    [LoggerMessage(3012, LogLevel.Debug, "Ignored a Viber callback of event '{Event}'")]
    public static partial void UnknownEvent(ILogger logger, string @event);

    [LoggerMessage(3013, LogLevel.Information, "Viber checked the webhook")]
    public static partial void WebhookChecked(ILogger logger);

    [LoggerMessage(3014, LogLevel.Warning, "The welcome for {Address} was not ready within {Timeout}; Viber got an empty answer and later replies are dropped")]
    public static partial void WelcomeTimedOut(ILogger logger, ConversationAddress address, TimeSpan timeout);

    [LoggerMessage(3015, LogLevel.Debug, "Dropped a reply to {Address}: only one welcome message can answer conversation_started, and the user is not subscribed yet")]
    public static partial void WelcomeExtraDropped(ILogger logger, ConversationAddress address);

    [LoggerMessage(3016, LogLevel.Debug, "Answered conversation_started of {Address} with a welcome message")]
    public static partial void WelcomeSent(ILogger logger, ConversationAddress address);

    [LoggerMessage(3017, LogLevel.Error, "ViberOptions.OnReceipt failed for a {Kind} receipt")]
    public static partial void ReceiptHandlerFailed(ILogger logger, Exception exception, ViberReceiptKind kind);

    [LoggerMessage(3018, LogLevel.Information, "Viber webhook set to {Url} for events {Events}")]
    public static partial void WebhookSet(ILogger logger, Uri url, string events);

    [LoggerMessage(3019, LogLevel.Information, "Viber bot account '{Name}' ({Uri})")]
    public static partial void AccountInfo(ILogger logger, string? name, string? uri);

    [LoggerMessage(3020, LogLevel.Warning, "Could not hand the unreachable event of {Address} to the bot")]
    public static partial void UnreachableEventFailed(ILogger logger, Exception exception, ConversationAddress address);

    [LoggerMessage(3021, LogLevel.Debug, "Ignored a Viber message of type '{Type}' in {Address}")]
    public static partial void IgnoredMessage(ILogger logger, string? type, ConversationAddress address);

    [LoggerMessage(3022, LogLevel.Warning, "The tracking_data for {Address} is {Length} characters and Viber allows 4000; it is left out")]
    public static partial void TrackingDataTooLong(ILogger logger, ConversationAddress address, int length);

    [LoggerMessage(3023, LogLevel.Debug, "Broadcast to {Receivers} Viber users: {Failed} failed")]
    public static partial void Broadcast(ILogger logger, int receivers, int failed);

    [LoggerMessage(3024, LogLevel.Warning, "Viber's {Method} failed at start-up ({Error}); trying again in {Delay}")]
    public static partial void StartupRetry(ILogger logger, string method, string error, TimeSpan delay);

    [LoggerMessage(3025, LogLevel.Warning, "Keyboards may hold {Buttons} buttons: with long labels such a keyboard alone can exceed Viber's 30 KB request limit, and those messages then fail. Lower ViberOptions.MaxKeyboardButtons to 24 or less")]
    public static partial void KeyboardMayExceedLimit(ILogger logger, int buttons);

    [LoggerMessage(3026, LogLevel.Warning, "A Viber {Event} callback could not be handed to the bot; Viber will deliver it again")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string @event);

    [LoggerMessage(3027, LogLevel.Debug, "A welcome for {Address} is already being prepared; this conversation_started is answered without one")]
    public static partial void WelcomeBusy(ILogger logger, ConversationAddress address);

    [LoggerMessage(3028, LogLevel.Warning, "The welcome for {Address} is {Bytes} bytes of JSON and Viber accepts at most 30000; Viber got an empty answer")]
    public static partial void WelcomeTooLarge(ILogger logger, ConversationAddress address, int bytes);
}
