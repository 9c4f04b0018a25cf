namespace ChatFlow;

/// <summary>A compiled step.</summary>
internal sealed class StepDefinition
{
    public StepDefinition(string name, StepKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public StepKind Kind { get; }

    /// <summary>The form this step belongs to, for questions and confirmation steps.</summary>
    public StepDefinition? Parent { get; set; }

    public List<Func<ConversationContext, CancellationToken, ValueTask>> EntryActions { get; } = [];

    public List<RuleDefinition> Rules { get; } = [];

    /// <summary>Replies declared as fixed messages (entry replies and rule replies), for start-up capability checks.</summary>
    public List<OutgoingMessage> DeclaredReplies { get; } = [];

    public RuleDefinition? Fallback { get; set; }

    public List<RuleDefinition> Timeouts { get; } = [];

    /// <summary>Where to continue right after entering (<c>Then</c> without <c>Run</c>), or after the sub-scenario ends (with <c>Run</c>).</summary>
    public RuleDefinition? Continue { get; set; }

    public string? SubScenario { get; set; }

    public bool IsFinal { get; set; }

    public QuestionDefinition? Question { get; set; }

    /// <summary>For a form: its first question; entering the form enters it.</summary>
    public string? Initial { get; set; }

    public FormDefinition? Form { get; set; }

    public IEnumerable<RuleDefinition> AllRules()
    {
        foreach (var r in Rules)
        {
            yield return r;
        }

        if (Fallback is not null)
        {
            yield return Fallback;
        }

        foreach (var t in Timeouts)
        {
            yield return t;
        }

        if (Continue is not null)
        {
            yield return Continue;
        }

        if (Form is not null)
        {
            yield return Form.Done;
            yield return Form.GiveUp;
        }
    }
}
