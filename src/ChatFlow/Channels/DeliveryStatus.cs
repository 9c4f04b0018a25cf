namespace ChatFlow;

/// <summary>The outcome of sending a reply.</summary>
public enum DeliveryStatus
{
    /// <summary>The channel accepted the reply.</summary>
    Sent,

    /// <summary>A transient failure (rate limit, outage): send again later.</summary>
    RetryLater,

    /// <summary>The user cannot be reached (blocked the bot, unsubscribed, deleted): stop sending to this conversation.</summary>
    Unreachable,

    /// <summary>The channel rejected the reply for good (a bad request): drop it and go on.</summary>
    Failed,
}
