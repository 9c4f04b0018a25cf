namespace ChatFlow;

/// <summary>Processes a message in its conversation; the next link of the middleware pipeline.</summary>
/// <param name="context">The conversation and message.</param>
/// <param name="cancellationToken">Cancels processing when the bot stops.</param>
/// <returns>A task that completes when processing is done.</returns>
public delegate ValueTask ChatHandler(ConversationContext context, CancellationToken cancellationToken);
