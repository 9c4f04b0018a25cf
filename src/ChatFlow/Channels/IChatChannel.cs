namespace ChatFlow;

/// <summary>
/// A messenger adapter as the runtime sees it: it names itself, declares what it can show and
/// sends rendered replies. Receiving is the adapter's own business: it maps platform updates to
/// <see cref="IncomingMessage"/> and hands them to an <see cref="IChatDispatcher"/>.
/// </summary>
public interface IChatChannel
{
    /// <summary>Gets the channel's name; conversations are addressed by it.</summary>
    ChannelId Id { get; }

    /// <summary>Gets what the channel can show. The runtime degrades replies to fit before calling <see cref="SendAsync"/>.</summary>
    ChannelCapabilities Capabilities { get; }

    /// <summary>
    /// Sends one rendered reply. The reply already fits the channel's capabilities (text split,
    /// unsupported buttons degraded). Report the outcome instead of throwing for expected
    /// platform answers (rate limits, blocked users); an exception counts as a transient failure.
    /// </summary>
    /// <param name="delivery">What to send and where, with a key that stays the same across retries.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The outcome of the send.</returns>
    ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a platform object the channel holds (for example its API client), or null.
    /// An escape hatch for platform-specific needs.
    /// </summary>
    /// <param name="serviceType">The type of object requested.</param>
    /// <returns>The object, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType) => serviceType is not null && serviceType.IsInstanceOfType(this) ? this : null;
}
