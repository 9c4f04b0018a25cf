namespace ChatFlow;

/// <summary>One unit of work in a conversation's queue: a message, or a wake-up for due timers and retries.</summary>
internal sealed class WorkItem
{
    public WorkItem(ConversationAddress address, IncomingMessage? message)
    {
        Address = address;
        Message = message;
    }

    public ConversationAddress Address { get; }

    /// <summary>The message; null for a wake-up.</summary>
    public IncomingMessage? Message { get; }

    /// <summary>Completed when the item is processed, for a caller waiting in the queue; null when nobody waits.</summary>
    public TaskCompletionSource<DispatchResult>? Completion { get; set; }

    /// <summary>Whether processing releases a slot of the enqueue limit.</summary>
    public bool Counted { get; set; }
}
