using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ChatFlow;

/// <summary>
/// What scenario actions and middleware see while a message is processed: the message, the user,
/// the channel, the collected values and the services. Replies said here are saved with the
/// conversation and sent after the step's work is done.
/// </summary>
public sealed class ConversationContext
{
    private readonly IServiceProvider _services;
    private List<OutgoingMessage>? _replies;

    internal ConversationContext(
        ConversationState state,
        IncomingMessage message,
        IChatChannel? channel,
        IServiceProvider services,
        TimeProvider timeProvider,
        ILogger logger)
    {
        State = state;
        Message = message;
        Channel = channel;
        _services = services;
        TimeProvider = timeProvider;
        Logger = logger;
    }

    /// <summary>Gets the message being processed. For a step timeout it is a synthetic message carrying no user input.</summary>
    public IncomingMessage Message { get; }

    /// <summary>Gets the conversation's address.</summary>
    public ConversationAddress Address => State.Address;

    /// <summary>Gets the user who sent the message.</summary>
    public ChatUser User => Message.Sender;

    /// <summary>Gets the conversation's channel, or null when no channel with its name is registered.</summary>
    public IChatChannel? Channel { get; }

    /// <summary>Gets what the conversation's channel can show.</summary>
    public ChannelCapabilities Capabilities => Channel?.Capabilities ?? ChannelCapabilities.Full;

    /// <summary>Gets the values the conversation collected; changes are saved with the conversation.</summary>
    public ConversationValues Values => State.Values;

    /// <summary>Gets a collected value by name.</summary>
    /// <param name="name">The value's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No value has that name.</exception>
    public object this[string name] => State.Values[name];

    /// <summary>Gets the current scenario, or null before the conversation starts.</summary>
    public string? Scenario => State.Scenario;

    /// <summary>Gets the current step, or null before the conversation starts.</summary>
    public string? Step => State.Step;

    /// <summary>Gets who answers the conversation.</summary>
    public ConversationMode Mode => State.Mode;

    /// <summary>Gets how many messages of this conversation no rule understood.</summary>
    public int FallbackCount => State.FallbackCount;

    /// <summary>
    /// Gets how many messages in a row no rule understood, this one included when it reached an <c>Otherwise()</c>
    /// or was not a valid answer; any understood message sets it back to 0. For "the second time I don't understand,
    /// call an operator".
    /// </summary>
    public int FallbacksInARow => State.FallbacksInARow;

    /// <summary>Gets the regular-expression match of the rule that fired, when it was a regex rule.</summary>
    public Match? Match { get; internal set; }

    /// <summary>Gets the command the message carries, if it is one.</summary>
    public CommandContent? Command => Message.Content as CommandContent;

    /// <summary>Gets the application's services (the DI container, or an empty provider without DI).</summary>
    public IServiceProvider Services => _services;

    /// <summary>Gets the clock the bot runs on.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the bot's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>Gets the replies said so far while processing this message.</summary>
    public IReadOnlyList<OutgoingMessage> Replies => (IReadOnlyList<OutgoingMessage>?)_replies ?? [];

    /// <summary>Gets a property bag for middleware to pass data to actions; not saved.</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    private Dictionary<string, object?>? _items;

    internal ConversationState State { get; set; }

    internal DispatchStatus Status { get; set; } = DispatchStatus.Handled;

    internal string? Redirect { get; private set; }

    /// <summary>Gets the reason given to <see cref="HandOff"/>, when code asked for a hand-off.</summary>
    internal string? HandOffReason { get; private set; }

    internal List<OutgoingMessage>? ReplyList => _replies;

    /// <summary>Queues a reply.</summary>
    /// <param name="message">The reply.</param>
    public void Say(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        (_replies ??= []).Add(message);
    }

    /// <summary>Queues a text reply with optional buttons.</summary>
    /// <param name="text">The text.</param>
    /// <param name="keyboard">Buttons to show with it.</param>
    public void Say(string text, Keyboard? keyboard = null) => Say(new OutgoingMessage(text, keyboard));

    /// <summary>
    /// Moves the conversation to <paramref name="step"/> once the current action finishes, instead of
    /// where the rule would have gone. For decisions only code can make.
    /// </summary>
    /// <param name="step">The step to go to, in the current scenario.</param>
    public void GoTo(string step)
    {
        ArgumentException.ThrowIfNullOrEmpty(step);
        Redirect = step;
    }

    /// <summary>Gets a required service.</summary>
    /// <typeparam name="T">The service type.</typeparam>
    /// <returns>The service.</returns>
    /// <exception cref="InvalidOperationException">No such service is registered.</exception>
    public T Service<T>()
        where T : notnull =>
        (T?)_services.GetService(typeof(T)) ?? throw new InvalidOperationException($"No service of type {typeof(T).FullName} is registered.");

    internal void ClearRedirect()
    {
        Redirect = null;
        HandOffReason = null;
    }

    /// <summary>
    /// Hands the conversation to a human operator once the current action finishes, instead of where the rule
    /// would have gone, exactly as a rule's <c>HandOff(reason)</c> does. For decisions only code can make
    /// (the second message the bot did not understand, an order above some amount).
    /// </summary>
    /// <param name="reason">Why, for the operator and the logs.</param>
    public void HandOff(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        HandOffReason = reason;
    }

    internal void ResetReplies() => _replies?.Clear();
}
