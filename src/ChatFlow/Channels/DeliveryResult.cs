namespace ChatFlow;

/// <summary>The outcome of <see cref="IChatChannel.SendAsync"/>.</summary>
public readonly record struct DeliveryResult
{
    private DeliveryResult(DeliveryStatus status, TimeSpan? retryAfter, string? error, string? messageId)
    {
        Status = status;
        RetryAfter = retryAfter;
        Error = error;
        MessageId = messageId;
    }

    /// <summary>Gets what happened.</summary>
    public DeliveryStatus Status { get; }

    /// <summary>Gets how long to wait before the next attempt, when the platform said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the platform's description of a failure.</summary>
    public string? Error { get; }

    /// <summary>Gets the platform's identifier of the sent message, when known.</summary>
    public string? MessageId { get; }

    /// <summary>A successful send.</summary>
    /// <param name="messageId">The platform's identifier of the sent message.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult Sent(string? messageId = null) => new(DeliveryStatus.Sent, null, null, messageId);

    /// <summary>A transient failure; the runtime sends again later.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="retryAfter">How long the platform asked to wait, if it did.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult RetryLater(string error, TimeSpan? retryAfter = null) => new(DeliveryStatus.RetryLater, retryAfter, error, null);

    /// <summary>The user cannot be reached; the conversation is marked unreachable.</summary>
    /// <param name="error">The platform's reason.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult Unreachable(string error) => new(DeliveryStatus.Unreachable, null, error, null);

    /// <summary>A permanent failure; the reply is dropped and logged.</summary>
    /// <param name="error">The platform's reason.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult Failed(string error) => new(DeliveryStatus.Failed, null, error, null);
}
