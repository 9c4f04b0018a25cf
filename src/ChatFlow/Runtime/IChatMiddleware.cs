namespace ChatFlow;

/// <summary>
/// Code that runs around the scenario for every message, inside the conversation's queue and
/// before the save: logging, analytics, language detection, access rules. The first registered is
/// the outermost. Call <c>next</c> to continue, or reply and return to short-circuit.
/// </summary>
public interface IChatMiddleware
{
    /// <summary>Processes a message.</summary>
    /// <param name="context">The conversation and message.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <param name="cancellationToken">Cancels processing when the bot stops.</param>
    /// <returns>A task that completes when processing is done.</returns>
    ValueTask InvokeAsync(ConversationContext context, ChatHandler next, CancellationToken cancellationToken);
}
