using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Vk;

/// <summary>The VK channel's log messages, with stable event ids (4100–4199). No token, secret or message text.</summary>
internal static partial class Log
{
    [LoggerMessage(4101, LogLevel.Debug, "Ignored VK event {Type} ({EventId})")]
    public static partial void EventIgnored(ILogger logger, string? type, string? eventId);

    [LoggerMessage(4102, LogLevel.Debug, "Dropped a repeated delivery of VK event {EventId}")]
    public static partial void DuplicateEvent(ILogger logger, string eventId);

    [LoggerMessage(4103, LogLevel.Warning, "Rejected a VK callback request: {Reason}")]
    public static partial void CallbackRejected(ILogger logger, string reason);

    [LoggerMessage(4104, LogLevel.Warning, "Could not map VK event {Type} ({EventId}); it is acknowledged and skipped")]
    public static partial void MappingFailed(ILogger logger, Exception exception, string? type, string? eventId);

    [LoggerMessage(4105, LogLevel.Warning, "messages.sendMessageEventAnswer failed for event {EventId}: {Error}")]
    public static partial void EventAnswerFailed(ILogger logger, string? eventId, string error);

    [LoggerMessage(4106, LogLevel.Warning, "VK send to {Address} failed with error {Code}: {Error}; it is sent again later")]
    public static partial void SendRetry(ILogger logger, ConversationAddress address, int code, string? error);

    [LoggerMessage(4107, LogLevel.Error, "VK rejected a send to {Address} with error {Code}: {Error}")]
    public static partial void SendRejected(ILogger logger, ConversationAddress address, int code, string? error);

    [LoggerMessage(4108, LogLevel.Information, "VK peer {Address} cannot be reached (error {Code}: {Error})")]
    public static partial void SendUnreachable(ILogger logger, ConversationAddress address, int code, string? error);

    [LoggerMessage(4109, LogLevel.Warning, "VK send to {Address} got no usable answer: {Error}; it is sent again later")]
    public static partial void SendTransportFailed(ILogger logger, ConversationAddress address, string error);

    [LoggerMessage(4110, LogLevel.Information, "VK Long Poll started for community {GroupId}")]
    public static partial void LongPollStarted(ILogger logger, long groupId);

    [LoggerMessage(4111, LogLevel.Warning, "VK Long Poll failed ({Failures} in a row); next try in {Delay}")]
    public static partial void LongPollFailed(ILogger logger, Exception exception, int failures, TimeSpan delay);

    [LoggerMessage(4112, LogLevel.Information, "VK Long Poll answered failed={Failed}: {Action}")]
    public static partial void LongPollReset(ILogger logger, int failed, string action);

    [LoggerMessage(4113, LogLevel.Information, "VK Long Poll stopped")]
    public static partial void LongPollStopped(ILogger logger);

    [LoggerMessage(4114, LogLevel.Warning, "The payload of VK button '{Label}' is longer than VK's 255 characters; the button is sent without it")]
    public static partial void PayloadTooLong(ILogger logger, string label);

    [LoggerMessage(4115, LogLevel.Warning, "A VK keyboard has more than {MaxRows} rows even after re-laying it out; the extra rows are left out")]
    public static partial void KeyboardTruncated(ILogger logger, int maxRows);

    [LoggerMessage(4116, LogLevel.Error, "Could not dispatch the unreachable event of {Address}")]
    public static partial void UnreachableEventFailed(ILogger logger, Exception exception, ConversationAddress address);

    [LoggerMessage(4117, LogLevel.Warning, "A VK event of community {GroupId} reached the channel of community {Configured}; acknowledged and ignored")]
    public static partial void OtherCommunity(ILogger logger, long groupId, long configured);

    [LoggerMessage(4118, LogLevel.Debug, "VK Long Poll is off: the channel receives through {Mode}")]
    public static partial void LongPollOff(ILogger logger, VkReceiveMode mode);

    [LoggerMessage(4119, LogLevel.Trace, "VK text to {Address}: {Text}")]
    public static partial void OutgoingText(ILogger logger, ConversationAddress address, string? text);

    [LoggerMessage(4120, LogLevel.Warning, "Could not hand a VK event to the bot; VK will deliver it again")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(4121, LogLevel.Debug, "An inline VK keyboard with {Buttons} buttons in {Rows} rows is sent as {Messages} messages (VK shows 10 buttons in 6 rows per message)")]
    public static partial void InlineKeyboardSplit(ILogger logger, int buttons, int rows, int messages);
}
