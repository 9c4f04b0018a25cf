namespace ChatFlow.Testing.Conformance;

/// <summary>How the fake platform refuses a send (<see cref="ChannelHarness.FailNextSend"/>).</summary>
public enum PlatformFailure
{
    /// <summary>Too many requests: Telegram's 429 with <c>retry_after</c>, VK's error 6 or 9, Viber's rate-limit status. Expected: <see cref="DeliveryStatus.RetryLater"/>.</summary>
    RateLimited,

    /// <summary>The platform is down: a 5xx answer. Expected: <see cref="DeliveryStatus.RetryLater"/>.</summary>
    ServerError,

    /// <summary>The user blocked the bot or never allowed it to write: Telegram's 403, VK's error 901, Viber's "not subscribed". Expected: <see cref="DeliveryStatus.Unreachable"/>.</summary>
    UserBlocked,

    /// <summary>An answer that is not the platform's format (an HTML error page with status 200). Expected: a result, not an exception, and not <see cref="DeliveryStatus.Sent"/>.</summary>
    MalformedAnswer,
}
