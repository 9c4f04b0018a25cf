namespace ChatFlow;

/// <summary>How a <see cref="ChatBot"/> behaves: default texts, delivery retries and limits.</summary>
public sealed class ChatBotOptions
{
    /// <summary>Gets or sets the reply sent when user code throws while a message is processed.</summary>
    /// <value>The default value is "Sorry, something went wrong on our side. Please try again."</value>
    public string Apology { get; set; } = "Sorry, something went wrong on our side. Please try again.";

    /// <summary>Gets or sets the reply used when no rule and no fallback of the scenario understood a message.</summary>
    /// <value>The default value is "Sorry, I didn't understand that."</value>
    public string DidNotUnderstand { get; set; } = "Sorry, I didn't understand that.";

    /// <summary>Gets or sets how many times a reply is tried before it is dropped.</summary>
    /// <value>The default value is 10.</value>
    public int MaxDeliveryAttempts { get; set; } = 10;

    /// <summary>Gets or sets the first retry delay of a failed send; it doubles with each attempt.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between two attempts of a send.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how often the background worker looks for due timers and retries.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan DuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many processed update identifiers each conversation remembers to drop redeliveries.</summary>
    /// <value>The default value is 64.</value>
    public int RememberedUpdates { get; set; } = 64;

    /// <summary>Gets or sets how often a message is processed again when another writer saved the conversation first.</summary>
    /// <value>The default value is 5.</value>
    public int MaxSaveAttempts { get; set; } = 5;

    /// <summary>Gets or sets how many messages accepted by <see cref="ChatBot.EnqueueAsync"/> may wait for processing before callers wait for room.</summary>
    /// <value>The default value is 10000.</value>
    public int MaxQueuedMessages { get; set; } = 10_000;

    /// <summary>Gets or sets code to run when a conversation is handed to an operator (notify the support desk, open a ticket).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<ConversationContext, string, CancellationToken, ValueTask>? OnHandOff { get; set; }

    /// <summary>Gets or sets code to run for each message that arrives while the conversation is with an operator (forward it to the desk).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<ConversationContext, CancellationToken, ValueTask>? OnOperatorMessage { get; set; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Apology, nameof(Apology));
        ArgumentException.ThrowIfNullOrEmpty(DidNotUnderstand, nameof(DidNotUnderstand));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDeliveryAttempts, 1, nameof(MaxDeliveryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryBaseDelay, nameof(RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DuePollInterval, TimeSpan.Zero, nameof(DuePollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(RememberedUpdates, 1, nameof(RememberedUpdates));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSaveAttempts, 1, nameof(MaxSaveAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedMessages, 1, nameof(MaxQueuedMessages));
    }
}
