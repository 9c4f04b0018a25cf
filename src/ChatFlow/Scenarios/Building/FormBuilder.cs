namespace ChatFlow;

/// <summary>
/// Builds a form: questions asked in order, each reading a typed value with validation, re-asks
/// and an attempt limit; then an optional confirmation that lets the user correct one answer;
/// then the completion action and the step to continue with. Rules added to the form apply
/// while any of its questions is open (for example a "Cancel" button).
/// </summary>
public sealed class FormBuilder : IRuleHost<FormBuilder>
{
    private readonly BuildGuard _guard;
    private readonly List<string> _errors;
    private readonly List<QuestionDefinition> _questions = [];
    private readonly List<Func<ConversationContext, CancellationToken, ValueTask>> _done = [];
    private Func<ConversationContext, OutgoingMessage>? _confirm;
    private string _yes = "Yes";
    private string _change = "Change";
    private string _changePrompt = "What would you like to change?";
    private string? _then;
    private RuleDefinition? _giveUp;

    internal FormBuilder(StepDefinition form, BuildGuard guard, List<string> errors)
    {
        Definition = form;
        _guard = guard;
        _errors = errors;
    }

    /// <summary>Gets the form's name; <c>GoTo(name)</c> starts the form.</summary>
    public string Name => Definition.Name;

    internal StepDefinition Definition { get; }

    /// <summary>Says text before the first question when the form starts.</summary>
    /// <param name="text">The text.</param>
    /// <param name="keyboard">Buttons to show with it.</param>
    /// <returns>This form.</returns>
    public FormBuilder Say(string text, Keyboard? keyboard = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        _guard.Check();
        var message = new OutgoingMessage(text, keyboard);
        Definition.DeclaredReplies.Add(message);
        Definition.EntryActions.Add(ReplyActions.Say(message));
        return this;
    }

    /// <summary>Asks for a value.</summary>
    /// <param name="name">The value's name in <see cref="ConversationContext.Values"/>.</param>
    /// <param name="prompt">The question.</param>
    /// <param name="input">What is accepted, for example <see cref="Input.Phone"/>.</param>
    /// <param name="retry">What to say after an invalid answer; the input's own message when null.</param>
    /// <param name="maxAttempts">How many invalid answers are accepted before the form gives up.</param>
    /// <param name="label">The button label offered when the user corrects this answer; the name when null.</param>
    /// <returns>This form.</returns>
    public FormBuilder Ask(string name, string prompt, InputSpec input, string? retry = null, int maxAttempts = 3, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Ask(name, _ => prompt, input, retry, maxAttempts, label);
    }

    /// <summary>Asks for a value with a question made from the conversation.</summary>
    /// <param name="name">The value's name in <see cref="ConversationContext.Values"/>.</param>
    /// <param name="prompt">Makes the question.</param>
    /// <param name="input">What is accepted.</param>
    /// <param name="retry">What to say after an invalid answer; the input's own message when null.</param>
    /// <param name="maxAttempts">How many invalid answers are accepted before the form gives up.</param>
    /// <param name="label">The button label offered when the user corrects this answer; the name when null.</param>
    /// <returns>This form.</returns>
    public FormBuilder Ask(string name, Func<ConversationContext, string> prompt, InputSpec input, string? retry = null, int maxAttempts = 3, string? label = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _guard.Check();
        if (_questions.Exists(q => q.Name == name))
        {
            _errors.Add($"form '{Name}': asks for '{name}' twice.");
        }

        _questions.Add(new QuestionDefinition
        {
            Name = name,
            Label = label ?? char.ToUpperInvariant(name[0]) + name[1..],
            Prompt = prompt,
            Input = input,
            Retry = retry,
            MaxAttempts = maxAttempts,
        });
        return this;
    }

    /// <summary>
    /// Asks the user to confirm the answers before finishing, with a button to confirm and one to
    /// change an answer (which offers the questions' labels and returns here afterwards).
    /// </summary>
    /// <param name="summary">Makes the confirmation text from the collected values.</param>
    /// <param name="yes">The confirm button's label.</param>
    /// <param name="change">The change button's label.</param>
    /// <param name="changePrompt">The question shown with the labels of the answers to change.</param>
    /// <returns>This form.</returns>
    public FormBuilder Confirm(Func<ConversationContext, string> summary, string yes = "Yes", string change = "Change", string changePrompt = "What would you like to change?")
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrWhiteSpace(yes);
        ArgumentException.ThrowIfNullOrWhiteSpace(change);
        _guard.Check();
        _yes = yes;
        _change = change;
        _changePrompt = changePrompt;
        var keyboard = new Keyboard([[Button.Reply(yes), Button.Reply(change)]]) { OneTime = true };
        _confirm = c => new OutgoingMessage(summary(c), keyboard);
        return this;
    }

    /// <summary>Runs your code when the form is complete (after the confirmation, if any), for example to send the lead to sales.</summary>
    /// <param name="action">The action.</param>
    /// <returns>This form.</returns>
    public FormBuilder OnDone(Func<ConversationContext, CancellationToken, ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _guard.Check();
        _done.Add(action);
        return this;
    }

    /// <summary>Says text when the form is complete, after the completion actions.</summary>
    /// <param name="text">The text.</param>
    /// <param name="keyboard">Buttons to show with it.</param>
    /// <returns>This form.</returns>
    public FormBuilder SayWhenDone(string text, Keyboard? keyboard = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return OnDone(ReplyActions.Say(new OutgoingMessage(text, keyboard)));
    }

    /// <summary>The step to continue with when the form is complete; without it the scenario ends.</summary>
    /// <param name="step">The next step.</param>
    /// <returns>This form.</returns>
    public FormBuilder Then(string step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        _guard.Check();
        _then = step;
        return this;
    }

    /// <summary>
    /// What happens when a question's attempts run out. Without it the form says it will stop
    /// and continues as when it is complete, without running the completion actions.
    /// </summary>
    /// <returns>The rule, to say what it does.</returns>
    public RuleBuilder<FormBuilder> OnGiveUp()
    {
        _guard.Check();
        _giveUp = new RuleDefinition(new RuleMatcher("attempts exhausted", ["give-up"], static _ => false), Name);
        return new RuleBuilder<FormBuilder>(this, _giveUp);
    }

    /// <summary>A timeout while any question of the form is open, counted from when that question was asked.</summary>
    /// <param name="delay">How long after the question was asked.</param>
    /// <returns>The rule, to say what it does.</returns>
    public RuleBuilder<FormBuilder> After(TimeSpan delay) => RuleList.AddTimeout(this, _guard, Definition, _errors, delay);

    RuleBuilder<FormBuilder> IRuleHost<FormBuilder>.AddRule(RuleMatcher matcher) => RuleList.Add(this, _guard, Definition, _errors, matcher);

    /// <summary>Turns the form into its steps: the form itself, one per question, and the confirmation steps.</summary>
    internal IEnumerable<StepDefinition> Compile()
    {
        var form = Definition;
        if (_questions.Count == 0)
        {
            _errors.Add($"form '{Name}': asks no questions.");
            yield return form;
            yield break;
        }

        var done = new RuleDefinition(new RuleMatcher("done", ["done"], static _ => false), Name)
        {
            Terminal = _then is null ? TerminalKind.End : TerminalKind.GoTo,
            Target = _then,
        };
        done.Actions.AddRange(_done);

        var giveUp = _giveUp;
        if (giveUp is null)
        {
            giveUp = new RuleDefinition(new RuleMatcher("attempts exhausted", ["give-up"], static _ => false), Name)
            {
                Terminal = done.Terminal,
                Target = done.Target,
            };
            giveUp.Actions.Add(ReplyActions.Say("Let's stop here for now. You can start again at any time."));
        }
        else if (giveUp.Terminal == TerminalKind.Stay)
        {
            _errors.Add($"form '{Name}': OnGiveUp() must leave the form (GoTo, End, Back or HandOff), or the user is asked again forever.");
        }

        var names = _questions.Select(q => StepName(q.Name)).ToArray();
        var confirmName = _confirm is null ? null : Name + "/confirm";
        form.Initial = names[0];
        form.Form = new FormDefinition { Questions = names, Confirm = confirmName, Done = done, GiveUp = giveUp };
        yield return form;

        for (var i = 0; i < _questions.Count; i++)
        {
            var q = _questions[i];
            q.Next = i + 1 < names.Length ? names[i + 1] : null;
            yield return new StepDefinition(names[i], StepKind.Question) { Parent = form, Question = q };
        }

        if (_confirm is null)
        {
            yield break;
        }

        var confirm = new StepDefinition(confirmName!, StepKind.Confirm) { Parent = form };
        var summary = _confirm;
        confirm.EntryActions.Add(ReplyActions.Say(summary));
        var yes = new RuleDefinition(new RuleMatcher("button: " + _yes, ["text:" + TextMatcher.Normalize(_yes)], c => IsAnswer(c, _yes) || (Input.YesNo().Read(c.Message) is { IsValid: true, Value: true })), confirm.Name)
        {
            Terminal = done.Terminal,
            Target = done.Target,
        };
        yes.Actions.AddRange(_done);
        confirm.Rules.Add(yes);
        var changeName = Name + "/change";
        var change = _change;
        confirm.Rules.Add(new RuleDefinition(new RuleMatcher("button: " + change, ["text:" + TextMatcher.Normalize(change)], c => IsAnswer(c, change)), confirm.Name)
        {
            Terminal = TerminalKind.GoTo,
            Target = changeName,
        });
        confirm.Fallback = new RuleDefinition(new RuleMatcher("otherwise", ["otherwise"], static _ => true) { IsFallback = true }, confirm.Name) { CountsAsFallback = true };
        confirm.Fallback.Actions.Add(ReplyActions.Say(summary));
        yield return confirm;

        var chooser = new StepDefinition(changeName, StepKind.EditChoice) { Parent = form };
        var labels = Keyboard.Column(_questions.Select(q => Button.Reply(q.Label))).AsOneTime();
        var changePrompt = _changePrompt;
        var choose = new OutgoingMessage(changePrompt, labels);
        chooser.EntryActions.Add(ReplyActions.Say(choose));
        for (var i = 0; i < _questions.Count; i++)
        {
            var q = _questions[i];
            var rule = new RuleDefinition(new RuleMatcher("button: " + q.Label, ["text:" + TextMatcher.Normalize(q.Label)], c => IsAnswer(c, q.Label)), chooser.Name)
            {
                Terminal = TerminalKind.GoTo,
                Target = names[i],
            };
            rule.Actions.Add((c, _) =>
            {
                c.State.Editing = q.Name;
                return default;
            });
            chooser.Rules.Add(rule);
        }

        chooser.Fallback = new RuleDefinition(new RuleMatcher("otherwise", ["otherwise"], static _ => true) { IsFallback = true }, chooser.Name) { CountsAsFallback = true };
        chooser.Fallback.Actions.Add(ReplyActions.Say(choose));
        yield return chooser;
    }

    private string StepName(string question) => Name + "/" + question;

    private static bool IsAnswer(ConversationContext c, string label) => c.Message.Content switch
    {
        TextContent t => TextMatcher.Equivalent(t.Text, label),
        ButtonContent b => TextMatcher.Equivalent(b.Payload, label) || TextMatcher.Equivalent(b.Label, label),
        _ => false,
    };
}
