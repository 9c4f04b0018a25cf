namespace ChatFlow;

/// <summary>
/// Builds a step: what the bot says on entering it, the rules that answer the user there, its
/// timeouts, and where it continues on its own.
/// </summary>
public sealed class StepBuilder : IRuleHost<StepBuilder>
{
    private readonly BuildGuard _guard;
    private readonly List<string> _errors;

    internal StepBuilder(StepDefinition step, BuildGuard guard, List<string> errors)
    {
        Definition = step;
        _guard = guard;
        _errors = errors;
    }

    /// <summary>Gets the step's name.</summary>
    public string Name => Definition.Name;

    internal StepDefinition Definition { get; }

    internal bool IsEntryPoint { get; private set; }

    /// <summary>Says text, with optional buttons, on entering the step.</summary>
    /// <param name="text">The text.</param>
    /// <param name="keyboard">Buttons to show with it.</param>
    /// <returns>This step.</returns>
    public StepBuilder Say(string text, Keyboard? keyboard = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Say(new OutgoingMessage(text, keyboard));
    }

    /// <summary>Says a message on entering the step.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This step.</returns>
    public StepBuilder Say(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Definition.DeclaredReplies.Add(message);
        return OnEnter(ReplyActions.Say(message));
    }

    /// <summary>Says a message made from the conversation on entering the step.</summary>
    /// <param name="message">Makes the message.</param>
    /// <returns>This step.</returns>
    public StepBuilder Say(Func<ConversationContext, OutgoingMessage> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return OnEnter(ReplyActions.Say(message));
    }

    /// <summary>Runs your code on entering the step, after the replies declared before it.</summary>
    /// <param name="action">The action.</param>
    /// <returns>This step.</returns>
    public StepBuilder OnEnter(Func<ConversationContext, CancellationToken, ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _guard.Check();
        Definition.EntryActions.Add(action);
        return this;
    }

    /// <summary>
    /// A timeout: when the user has not answered within <paramref name="delay"/> of entering the
    /// step, the rule runs (for example a reminder, or a return to the menu). Durable: kept with
    /// the conversation and fired by the bot's background worker.
    /// </summary>
    /// <param name="delay">How long after entering the step.</param>
    /// <returns>The rule, to say what it does.</returns>
    public RuleBuilder<StepBuilder> After(TimeSpan delay) => RuleList.AddTimeout(this, _guard, Definition, _errors, delay);

    /// <summary>
    /// Continues to <paramref name="step"/> right after entering this one; with <see cref="Run"/>,
    /// continues there when the sub-scenario ends.
    /// </summary>
    /// <param name="step">The next step.</param>
    /// <returns>This step.</returns>
    public StepBuilder Then(string step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        _guard.Check();
        Definition.Continue = new RuleDefinition(new RuleMatcher("then", ["then"], static _ => false), Definition.Name)
        {
            Terminal = TerminalKind.GoTo,
            Target = step,
        };
        return this;
    }

    /// <summary>Starts another scenario on entering the step; the conversation continues with <see cref="Then"/> when it ends.</summary>
    /// <param name="scenario">The identifier of a scenario added to the same bot.</param>
    /// <returns>This step.</returns>
    public StepBuilder Run(string scenario)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        _guard.Check();
        Definition.SubScenario = scenario;
        return this;
    }

    /// <summary>Ends the scenario right after entering the step (after its replies).</summary>
    /// <returns>This step.</returns>
    public StepBuilder End()
    {
        _guard.Check();
        Definition.IsFinal = true;
        return this;
    }

    /// <summary>
    /// Declares that the step is entered from code (<see cref="ConversationContext.GoTo"/>) or from
    /// outside, so validation does not report it as unreachable.
    /// </summary>
    /// <returns>This step.</returns>
    public StepBuilder EntryPoint()
    {
        _guard.Check();
        IsEntryPoint = true;
        return this;
    }

    RuleBuilder<StepBuilder> IRuleHost<StepBuilder>.AddRule(RuleMatcher matcher) => RuleList.Add(this, _guard, Definition, _errors, matcher);
}
