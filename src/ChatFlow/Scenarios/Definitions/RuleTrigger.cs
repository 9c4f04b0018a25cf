namespace ChatFlow;

/// <summary>
/// A Stateless trigger. Reference equality keeps lookups cheap; <see cref="ToString"/> gives the
/// readable label used by diagrams.
/// </summary>
internal sealed class RuleTrigger
{
    private readonly RuleDefinition? _rule;
    private readonly string? _label;

    public RuleTrigger(RuleDefinition rule) => _rule = rule;

    public RuleTrigger(string label) => _label = label;

    public override string ToString() => _label ?? _rule!.Matcher.Label;
}
