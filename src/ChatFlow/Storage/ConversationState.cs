namespace ChatFlow;

/// <summary>
/// Everything a conversation is, as one serializable record: its scenario and step, collected
/// values, mode, pending timers, unsent replies and version. Stores persist it whole; the runtime
/// never keeps conversation data anywhere else.
/// </summary>
/// <remarks>
/// An instance returned by <see cref="IConversationStore.LoadAsync"/> belongs to the caller; an
/// instance passed to <see cref="IConversationStore.TrySaveAsync"/> belongs to the store from then on
/// and is never changed again by the runtime.
/// </remarks>
public sealed class ConversationState
{
    // Collections are created on first use, so that copying a conversation copies only what it holds.
    private List<string>? _history;
    private List<ScenarioFrame>? _callStack;
    private List<ScheduledTimer>? _timers;
    private List<PendingReply>? _outbox;
    private List<string>? _recentUpdates;
    private Dictionary<string, string>? _payloadTokens;

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
    public List<string> History
    {
        get => _history ??= [];
        set => _history = value;
    }

    /// <summary>Gets or sets where to resume when the current sub-scenario ends, innermost last.</summary>
    public List<ScenarioFrame> CallStack
    {
        get => _callStack ??= [];
        set => _callStack = value;
    }

    /// <summary>Gets or sets the collected values.</summary>
    public ConversationValues Values { get; set; } = new();

    /// <summary>Gets or sets who answers the conversation.</summary>
    public ConversationMode Mode { get; set; }

    /// <summary>Gets or sets how many invalid answers the current question received.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets the form field being corrected, when the user chose to change one answer.</summary>
    public string? Editing { get; set; }

    /// <summary>Gets or sets the pending timers.</summary>
    public List<ScheduledTimer> Timers
    {
        get => _timers ??= [];
        set => _timers = value;
    }

    /// <summary>Gets or sets the replies saved but not yet delivered, in order.</summary>
    public List<PendingReply> Outbox
    {
        get => _outbox ??= [];
        set => _outbox = value;
    }

    /// <summary>Gets or sets the sequence number the next reply gets.</summary>
    public long NextReplySequence { get; set; } = 1;

    /// <summary>Gets or sets the identifiers of the most recent processed updates, for dropping redeliveries.</summary>
    public List<string> RecentUpdates
    {
        get => _recentUpdates ??= [];
        set => _recentUpdates = value;
    }

    /// <summary>Gets or sets long button payloads replaced by short tokens, by token.</summary>
    public Dictionary<string, string> PayloadTokens
    {
        get => _payloadTokens ??= [];
        set => _payloadTokens = value;
    }

    /// <summary>Gets or sets a value indicating whether the user cannot be reached (blocked the bot).</summary>
    public bool Unreachable { get; set; }

    /// <summary>Gets or sets how many messages no rule understood.</summary>
    public int FallbackCount { get; set; }

    /// <summary>Gets or sets how many messages in a row no rule understood; an understood message sets it back to 0.</summary>
    public int FallbacksInARow { get; set; }

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
        foreach (var timer in (IEnumerable<ScheduledTimer>?)_timers ?? [])
        {
            if (next is null || timer.DueAt < next)
            {
                next = timer.DueAt;
            }
        }

        if (_outbox is { Count: > 0 } outbox && !Unreachable && (next is null || outbox[0].NotBefore < next))
        {
            next = outbox[0].NotBefore;
        }

        return next;
    }

    /// <summary>
    /// Creates a copy for delivery, which changes only the unsent replies, the payload tokens and the
    /// reachability flag: those are copied, everything else is shared with this instance (which
    /// nobody changes any more, because the store owns it).
    /// </summary>
    internal ConversationState CloneForDelivery()
    {
        var copy = (ConversationState)MemberwiseClone();
        copy._outbox = CopyOutbox(_outbox);
        copy.TokensShared = true;
        return copy;
    }

    /// <summary>Gets or sets a value indicating whether <see cref="PayloadTokens"/> is shared with a stored instance and must be copied before it changes.</summary>
    internal bool TokensShared { get; set; }

    /// <summary>Creates a deep copy, so that a change to the copy never reaches the original.</summary>
    /// <returns>The copy.</returns>
    public ConversationState Clone()
    {
        var copy = (ConversationState)MemberwiseClone();
        copy._history = CopyWithRoom(_history);
        copy._callStack = _callStack is { Count: > 0 } ? _callStack.ConvertAll(f => new ScenarioFrame { Scenario = f.Scenario, Step = f.Step }) : null;
        copy.Values = Values.Clone();
        copy._timers = _timers is { Count: > 0 } ? _timers.ConvertAll(t => new ScheduledTimer { DueAt = t.DueAt, Scenario = t.Scenario, Step = t.Step, Index = t.Index, Epoch = t.Epoch }) : null;
        copy._outbox = CopyOutbox(_outbox);
        copy._recentUpdates = CopyWithRoom(_recentUpdates);
        copy._payloadTokens = _payloadTokens is { Count: > 0 } ? new Dictionary<string, string>(_payloadTokens) : null;
        copy.TokensShared = false;
        return copy;
    }

    /// <summary>Gets a value indicating whether any timer is pending, without creating the list.</summary>
    internal bool HasTimers => _timers is { Count: > 0 };

    /// <summary>Gets a value indicating whether any reply is unsent, without creating the list.</summary>
    internal bool HasOutbox => _outbox is { Count: > 0 };

    /// <summary>Copies a list with room for one more item: the message being processed adds its update id and, on a transition, a history entry.</summary>
    private static List<string>? CopyWithRoom(List<string>? list)
    {
        if (list is not { Count: > 0 })
        {
            return null;
        }

        var copy = new List<string>(list.Count + 1);
        copy.AddRange(list);
        return copy;
    }

    private static List<PendingReply>? CopyOutbox(List<PendingReply>? outbox)
    {
        if (outbox is not { Count: > 0 })
        {
            return null;
        }

        var copy = new List<PendingReply>(outbox.Count + 1);
        foreach (var r in outbox)
        {
            copy.Add(new PendingReply { Sequence = r.Sequence, Message = r.Message, PartsSent = r.PartsSent, Attempts = r.Attempts, NotBefore = r.NotBefore });
        }

        return copy;
    }
}
