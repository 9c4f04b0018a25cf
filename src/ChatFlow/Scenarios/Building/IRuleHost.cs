namespace ChatFlow;

/// <summary>
/// Something rules can be added to: a step, a form, the scenario's global rules, or a rule being
/// built (which then ends and the next one starts). The <c>On…</c> methods are extensions in
/// <see cref="RuleHostExtensions"/>.
/// </summary>
/// <typeparam name="THost">The builder the rules belong to.</typeparam>
public interface IRuleHost<THost>
    where THost : class
{
    internal RuleBuilder<THost> AddRule(RuleMatcher matcher);
}
