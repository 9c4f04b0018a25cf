namespace ChatFlow.Channels.Viber;

/// <summary>The numeric <c>status</c> codes of the Viber REST API.</summary>
internal static class ViberStatus
{
    public const int Ok = 0;
    public const int InvalidAuthToken = 2;
    public const int ReceiverNotRegistered = 5;
    public const int ReceiverNotSubscribed = 6;
    public const int TooManyRequests = 12;

    private static readonly string[] Names =
    [
        "ok", "invalidUrl", "invalidAuthToken", "badData", "missingData", "receiverNotRegistered",
        "receiverNotSubscribed", "publicAccountBlocked", "publicAccountNotFound", "publicAccountSuspended",
        "webhookNotSet", "receiverNoSuitableDevice", "tooManyRequests", "apiVersionNotSupported",
        "incompatibleWithVersion", "publicAccountNotAuthorized", "inchatReplyMessageNotAllowed",
        "publicAccountIsNotInline", "noPublicChat", "cannotSendBroadcast", "broadcastNotAllowed",
    ];

    /// <summary>Returns the documented name of a status code, or <c>unknown</c>.</summary>
    public static string Name(int status) => status >= 0 && status < Names.Length ? Names[status] : "unknown";

    /// <summary>Returns whether the status means the user cannot be messaged (not registered or not subscribed).</summary>
    public static bool IsUnreachable(int status) => status is ReceiverNotRegistered or ReceiverNotSubscribed;

    /// <summary>Describes a status for logs and delivery errors, without any secret.</summary>
    public static string Describe(int status, string? message) =>
        $"Viber status {status} ({Name(status)}){(string.IsNullOrEmpty(message) ? string.Empty : ": " + message)}";
}
