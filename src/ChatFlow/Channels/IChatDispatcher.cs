namespace ChatFlow;

/// <summary>
/// Where channel adapters hand incoming messages. Implemented by <see cref="ChatBot"/>.
/// </summary>
public interface IChatDispatcher
{
    /// <summary>
    /// Processes a message and returns when its conversation has handled it and the replies are
    /// saved and sent (or queued for a retry). Messages of one conversation are processed one at a
    /// time in arrival order; different conversations run in parallel.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels waiting; a message already being processed completes.</param>
    /// <returns>What happened to the message.</returns>
    ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts a message for processing and returns at once, before it is processed; for webhook
    /// handlers that must acknowledge fast. Processing is tracked and drained on shutdown.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels waiting for room when too many messages are in flight.</param>
    /// <returns>A task that completes when the message is accepted.</returns>
    ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default);
}
