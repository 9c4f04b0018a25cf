namespace ChatFlow;

/// <summary>A lifecycle event of a conversation: started, subscribed, unsubscribed or blocked.</summary>
/// <param name="Event">What happened.</param>
public sealed record LifecycleContent(LifecycleEvent Event) : MessageContent
{
    /// <summary>Gets channel-specific context, such as a deep-link parameter of a conversation start.</summary>
    public string? Context { get; init; }

    /// <inheritdoc />
    public override string ToString() => "lifecycle:" + Event;
}
