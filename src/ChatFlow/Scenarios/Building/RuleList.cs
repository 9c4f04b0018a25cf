namespace ChatFlow;

/// <summary>The rules and fallback of one owner, as the builders fill them.</summary>
internal static class RuleList
{
    public static RuleBuilder<THost> Add<THost>(THost host, BuildGuard guard, StepDefinition owner, List<string> errors, RuleMatcher matcher)
        where THost : class
    {
        guard.Check();
        var rule = new RuleDefinition(matcher, owner.Name);
        if (matcher.IsTimeout)
        {
            owner.Timeouts.Add(rule);
        }
        else if (matcher.IsFallback)
        {
            if (owner.Fallback is not null)
            {
                errors.Add($"{Describe(owner)}: has two Otherwise() fallbacks.");
            }

            rule.CountsAsFallback = true;
            owner.Fallback = rule;
        }
        else
        {
            owner.Rules.Add(rule);
        }

        return new RuleBuilder<THost>(host, rule);
    }

    public static RuleBuilder<THost> AddTimeout<THost>(THost host, BuildGuard guard, StepDefinition owner, List<string> errors, TimeSpan delay)
        where THost : class
    {
        if (delay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A timeout must be positive.");
        }

        var builder = Add(host, guard, owner, errors, new RuleMatcher("after " + FormatDelay(delay), ["after:" + delay.Ticks], static _ => false) { IsTimeout = true });
        builder.Rule.Delay = delay;
        return builder;
    }

    public static string FormatDelay(TimeSpan delay) =>
        delay.TotalDays >= 1 && delay.TotalDays == Math.Floor(delay.TotalDays) ? $"{delay.TotalDays:0}d"
        : delay.TotalHours >= 1 && delay.TotalHours == Math.Floor(delay.TotalHours) ? $"{delay.TotalHours:0}h"
        : delay.TotalMinutes >= 1 && delay.TotalMinutes == Math.Floor(delay.TotalMinutes) ? $"{delay.TotalMinutes:0}m"
        : $"{delay.TotalSeconds:0.#}s";

    public static string Describe(StepDefinition step) => step.Name == Scenario.RootState ? "global rules" : $"step '{step.Name}'";
}
