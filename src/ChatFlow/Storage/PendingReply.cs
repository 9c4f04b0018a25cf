namespace ChatFlow;

/// <summary>A reply saved with its conversation and not yet delivered. Part of the stored conversation.</summary>
public sealed class PendingReply
{
    private static readonly OutgoingMessage Empty = new((string?)null);

    /// <summary>Gets or sets the reply's number inside the conversation; stable across retries.</summary>
    public long Sequence { get; set; }

    /// <summary>Gets or sets the reply.</summary>
    public OutgoingMessage Message { get; set; } = Empty;

    /// <summary>Gets or sets how many parts of the rendered reply were already sent (a long text splits into parts).</summary>
    public int PartsSent { get; set; }

    /// <summary>Gets or sets how many attempts failed so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets the earliest time of the next attempt.</summary>
    public DateTimeOffset NotBefore { get; set; }
}
