namespace ChatFlow;

/// <summary>What happened to a conversation outside its messages. String-backed and open-ended.</summary>
public readonly record struct LifecycleEvent
{
    private readonly string? _value;

    /// <summary>Creates a lifecycle event name.</summary>
    /// <param name="value">The event's name; stored in lower case.</param>
    [System.Text.Json.Serialization.JsonConstructor]
    public LifecycleEvent(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>Gets the event's name.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets the event raised when a user opens a chat with the bot for the first time (Viber <c>conversation_started</c>).</summary>
    public static LifecycleEvent ConversationStarted { get; } = new("started");

    /// <summary>Gets the event raised when a user subscribes, allows messages or unblocks the bot.</summary>
    public static LifecycleEvent Subscribed { get; } = new("subscribed");

    /// <summary>Gets the event raised when a user unsubscribes, denies messages or blocks the bot.</summary>
    public static LifecycleEvent Unsubscribed { get; } = new("unsubscribed");

    /// <summary>Gets the event raised when a send finds the user unreachable (blocked the bot, deleted the account).</summary>
    public static LifecycleEvent Unreachable { get; } = new("unreachable");

    /// <inheritdoc />
    public override string ToString() => Value;
}
