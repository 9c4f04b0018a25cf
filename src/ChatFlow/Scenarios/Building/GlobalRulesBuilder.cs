namespace ChatFlow;

/// <summary>
/// Builds the scenario's global rules: they apply in every step after the step's own rules (and
/// its form's), for example <c>/start</c>, <c>/help</c> or "Call an operator". The global
/// <c>Otherwise()</c> is the last fallback.
/// </summary>
public sealed class GlobalRulesBuilder : IRuleHost<GlobalRulesBuilder>
{
    private readonly BuildGuard _guard;
    private readonly List<string> _errors;

    internal GlobalRulesBuilder(StepDefinition root, BuildGuard guard, List<string> errors)
    {
        Definition = root;
        _guard = guard;
        _errors = errors;
    }

    internal StepDefinition Definition { get; }

    RuleBuilder<GlobalRulesBuilder> IRuleHost<GlobalRulesBuilder>.AddRule(RuleMatcher matcher) => RuleList.Add(this, _guard, Definition, _errors, matcher);
}
