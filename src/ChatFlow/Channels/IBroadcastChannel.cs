namespace ChatFlow;

/// <summary>
/// A channel that can send one message to many chats in one platform request (Viber
/// <c>broadcast_message</c>, VK <c>peer_ids</c>). Mailings use it where a channel offers it.
/// </summary>
public interface IBroadcastChannel
{
    /// <summary>Gets the most recipients one call accepts.</summary>
    int MaxBroadcastRecipients { get; }

    /// <summary>Sends one message to many chats.</summary>
    /// <param name="chatIds">The chats, at most <see cref="MaxBroadcastRecipients"/>.</param>
    /// <param name="message">The message, already fitted to the channel.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The outcome for each recipient.</returns>
    ValueTask<BroadcastResult> BroadcastAsync(IReadOnlyList<string> chatIds, OutgoingMessage message, CancellationToken cancellationToken);
}
