namespace ChatFlow;

/// <summary>
/// Builds one rule: the replies and actions it runs, then where it leaves the conversation.
/// Ends with <see cref="GoTo"/>, <see cref="Stay"/>, <see cref="Back"/>, <see cref="End"/> or
/// <see cref="HandOff"/>; a rule that names none stays on its step.
/// </summary>
/// <typeparam name="THost">The builder the rule belongs to.</typeparam>
public sealed class RuleBuilder<THost> : IRuleHost<THost>
    where THost : class
{
    private readonly THost _host;

    internal RuleBuilder(THost host, RuleDefinition rule)
    {
        _host = host;
        Rule = rule;
    }

    internal RuleDefinition Rule { get; }

    /// <summary>Replies with text and optional buttons.</summary>
    /// <param name="text">The text.</param>
    /// <param name="keyboard">Buttons to show with it.</param>
    /// <returns>This rule.</returns>
    public RuleBuilder<THost> Say(string text, Keyboard? keyboard = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Say(new OutgoingMessage(text, keyboard));
    }

    /// <summary>Replies with a message.</summary>
    /// <param name="message">The reply.</param>
    /// <returns>This rule.</returns>
    public RuleBuilder<THost> Say(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Rule.DeclaredReplies.Add(message);
        Rule.Actions.Add(ReplyActions.Say(message));
        return this;
    }

    /// <summary>Replies with a message made from the conversation (its values, the user, the message).</summary>
    /// <param name="message">Makes the reply.</param>
    /// <returns>This rule.</returns>
    public RuleBuilder<THost> Say(Func<ConversationContext, OutgoingMessage> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Rule.Actions.Add(ReplyActions.Say(message));
        return this;
    }

    /// <summary>
    /// Runs your code: call services, store values, reply, or pick the next step with
    /// <see cref="ConversationContext.GoTo"/>.
    /// </summary>
    /// <param name="action">The action.</param>
    /// <returns>This rule.</returns>
    public RuleBuilder<THost> Do(Func<ConversationContext, CancellationToken, ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Rule.Actions.Add(action);
        return this;
    }

    /// <summary>Moves the conversation to a step, which is entered (its replies said) even when it is the current one.</summary>
    /// <param name="step">The step's name.</param>
    /// <returns>The builder the rule belongs to.</returns>
    public THost GoTo(string step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        Rule.Terminal = TerminalKind.GoTo;
        Rule.Target = step;
        return _host;
    }

    /// <summary>Keeps the conversation on its step without entering it again.</summary>
    /// <returns>The builder the rule belongs to.</returns>
    public THost Stay()
    {
        Rule.Terminal = TerminalKind.Stay;
        return _host;
    }

    /// <summary>Goes back to the previous step; stays when there is none.</summary>
    /// <returns>The builder the rule belongs to.</returns>
    public THost Back()
    {
        Rule.Terminal = TerminalKind.Back;
        return _host;
    }

    /// <summary>Ends the scenario: a sub-scenario returns to its caller; the main scenario starts over with the next message.</summary>
    /// <returns>The builder the rule belongs to.</returns>
    public THost End()
    {
        Rule.Terminal = TerminalKind.End;
        return _host;
    }

    /// <summary>
    /// Hands the conversation to a human operator: the bot stops answering until the conversation
    /// is returned with <see cref="ChatBot.ReturnToBotAsync"/>.
    /// </summary>
    /// <param name="reason">Why, for the operator and the logs.</param>
    /// <returns>The builder the rule belongs to.</returns>
    public THost HandOff(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Rule.Terminal = TerminalKind.HandOff;
        Rule.HandOffReason = reason;
        return _host;
    }

    RuleBuilder<THost> IRuleHost<THost>.AddRule(RuleMatcher matcher) => ((IRuleHost<THost>)_host).AddRule(matcher);
}
