namespace ChatFlow;

/// <summary>A compiled rule: a matcher, actions to run, and where to go.</summary>
internal sealed class RuleDefinition
{
    public RuleDefinition(RuleMatcher matcher, string owner)
    {
        Matcher = matcher;
        Owner = owner;
        Trigger = new RuleTrigger(this);
    }

    public RuleMatcher Matcher { get; }

    /// <summary>The step (or <c>(always)</c>, or a form) the rule belongs to.</summary>
    public string Owner { get; }

    public List<Func<ConversationContext, CancellationToken, ValueTask>> Actions { get; } = [];

    public List<OutgoingMessage> DeclaredReplies { get; } = [];

    public TerminalKind Terminal { get; set; } = TerminalKind.Stay;

    public string? Target { get; set; }

    public string? HandOffReason { get; set; }

    /// <summary>The Stateless trigger that carries this rule's transition.</summary>
    public RuleTrigger Trigger { get; }

    /// <summary>For timeout rules: how long after entering the step it fires.</summary>
    public TimeSpan Delay { get; set; }

    public bool CountsAsFallback { get; set; }
}
