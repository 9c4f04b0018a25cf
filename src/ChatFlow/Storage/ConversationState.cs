namespace ChatFlow;

/// <summary>
/// Everything a conversation is, as one serializable record: its scenario and step, collected
/// values, mode, pending timers, unsent replies and version. Stores persist it whole; the runtime
/// never keeps conversation data anywhere else.
/// </summary>
/// <remarks>
/// An instance returned by <see cref="IConversationStore.LoadAsync"/> belongs to the store and is
/// not changed by the runtime; an instance passed to <see cref="IConversationStore.TrySaveAsync"/>
/// belongs to the store from then on.
/// </remarks>
public sealed class ConversationState
{
    /// <summary>Gets or sets the conversation's address.</summary>
    public ConversationAddress Address { get; set; }

    /// <summary>Gets or sets the version; increases by one with every save (optimistic concurrency).</summary>
    public long Version { get; set; }

    /// <summary>Gets or sets the scenario the conversation is in; null before it starts and after it ends.</summary>
    public string? Scenario { get; set; }

    /// <summary>Gets or sets the current step; null before the conversation starts and after it ends.</summary>
    public string? Step { get; set; }

    /// <summary>Gets or sets the count of step entries; identifies the current entry for its timers.</summary>
    public long Epoch { get; set; }

    /// <summary>Gets or sets the steps visited before the current one, most recent last, for "go back".</summary>
    public List<string> History { get; set; } = [];

    /// <summary>Gets or sets where to resume when the current sub-scenario ends, innermost last.</summary>
    public List<ScenarioFrame> CallStack { get; set; } = [];

    /// <summary>Gets or sets the collected values.</summary>
    public ConversationValues Values { get; set; } = new();

    /// <summary>Gets or sets who answers the conversation.</summary>
    public ConversationMode Mode { get; set; }

    /// <summary>Gets or sets how many invalid answers the current question received.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets the form field being corrected, when the user chose to change one answer.</summary>
    public string? Editing { get; set; }

    /// <summary>Gets or sets the pending timers.</summary>
    public List<ScheduledTimer> Timers { get; set; } = [];

    /// <summary>Gets or sets the replies saved but not yet delivered, in order.</summary>
    public List<PendingReply> Outbox { get; set; } = [];

    /// <summary>Gets or sets the sequence number the next reply gets.</summary>
    public long NextReplySequence { get; set; } = 1;

    /// <summary>Gets or sets the identifiers of the most recent processed updates, for dropping redeliveries.</summary>
    public List<string> RecentUpdates { get; set; } = [];

    /// <summary>Gets or sets long button payloads replaced by short tokens, by token.</summary>
    public Dictionary<string, string> PayloadTokens { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether the user cannot be reached (blocked the bot).</summary>
    public bool Unreachable { get; set; }

    /// <summary>Gets or sets how many messages no rule understood.</summary>
    public int FallbackCount { get; set; }

    /// <summary>Gets or sets the last known sender.</summary>
    public ChatUser? User { get; set; }

    /// <summary>Gets or sets when the conversation was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the conversation last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Returns the earliest time something is due: a timer or a reply waiting to be (re)sent; null when nothing is.
    /// Stores index conversations by it for <see cref="IConversationStore.GetDueAsync"/>.
    /// </summary>
    /// <returns>The earliest due time, or null.</returns>
    public DateTimeOffset? GetNextDueTime()
    {
        DateTimeOffset? next = null;
        foreach (var timer in Timers)
        {
            if (next is null || timer.DueAt < next)
            {
                next = timer.DueAt;
            }
        }

        if (Outbox.Count > 0 && !Unreachable && (next is null || Outbox[0].NotBefore < next))
        {
            next = Outbox[0].NotBefore;
        }

        return next;
    }

    /// <summary>Creates a deep copy, so that a change to the copy never reaches the original.</summary>
    /// <returns>The copy.</returns>
    public ConversationState Clone() => new()
    {
        Address = Address,
        Version = Version,
        Scenario = Scenario,
        Step = Step,
        Epoch = Epoch,
        History = History.Count == 0 ? [] : [.. History],
        CallStack = CallStack.Count == 0 ? [] : CallStack.Select(f => new ScenarioFrame { Scenario = f.Scenario, Step = f.Step }).ToList(),
        Values = Values.Clone(),
        Mode = Mode,
        Attempts = Attempts,
        Editing = Editing,
        Timers = Timers.Count == 0 ? [] : Timers.Select(t => new ScheduledTimer { DueAt = t.DueAt, Scenario = t.Scenario, Step = t.Step, Index = t.Index, Epoch = t.Epoch }).ToList(),
        Outbox = Outbox.Count == 0 ? [] : Outbox.Select(r => new PendingReply { Sequence = r.Sequence, Message = r.Message, PartsSent = r.PartsSent, Attempts = r.Attempts, NotBefore = r.NotBefore }).ToList(),
        NextReplySequence = NextReplySequence,
        RecentUpdates = RecentUpdates.Count == 0 ? [] : [.. RecentUpdates],
        PayloadTokens = PayloadTokens.Count == 0 ? [] : new Dictionary<string, string>(PayloadTokens),
        Unreachable = Unreachable,
        FallbackCount = FallbackCount,
        User = User,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
