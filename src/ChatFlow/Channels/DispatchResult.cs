namespace ChatFlow;

/// <summary>The outcome of <see cref="IChatDispatcher.DispatchAsync"/>.</summary>
/// <param name="Status">What happened to the message.</param>
/// <param name="Step">The conversation's step afterwards; null when the conversation is not in a scenario.</param>
/// <param name="Replies">How many replies the message produced.</param>
public readonly record struct DispatchResult(DispatchStatus Status, string? Step, int Replies);
