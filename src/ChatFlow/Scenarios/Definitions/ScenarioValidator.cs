namespace ChatFlow;

/// <summary>Finds unknown targets, unreachable steps, dead ends and duplicate rules.</summary>
internal static class ScenarioValidator
{
    public static List<string> Validate(List<StepDefinition> steps, StepDefinition global, string start, HashSet<string> entryPoints)
    {
        var errors = new List<string>();
        var byName = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!byName.TryAdd(step.Name, step))
            {
                errors.Add($"step '{step.Name}': defined twice.");
            }
        }

        if (!byName.ContainsKey(start))
        {
            errors.Add($"the start step '{start}' does not exist.");
        }

        foreach (var step in steps.Append(global))
        {
            var where = RuleList.Describe(step);
            CheckDuplicates(step, where, errors);
            foreach (var rule in step.AllRules())
            {
                if (rule.Terminal == TerminalKind.GoTo && rule.Target is { } target && !byName.ContainsKey(target))
                {
                    errors.Add($"{where}: '{rule.Matcher.Label}' leads to unknown step '{target}'.");
                }
            }

            if (step.SubScenario is not null && step.Continue is null)
            {
                errors.Add($"{where}: runs scenario '{step.SubScenario}' but does not say where to continue when it ends (add .Then(step)).");
            }

            if (step.Kind == StepKind.Step && step != global && step.Rules.Count == 0 && step.Fallback is null && step.Timeouts.Count == 0
                && step.Continue is null && step.SubScenario is null && !step.IsFinal)
            {
                errors.Add($"{where}: has no way out: add a rule, an Otherwise(), a timeout, .Then(step) or .End().");
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        void Visit(string? name)
        {
            if (name is not null && byName.ContainsKey(name) && reachable.Add(name))
            {
                queue.Enqueue(name);
            }
        }

        Visit(start);
        foreach (var e in entryPoints)
        {
            Visit(e);
        }

        foreach (var rule in global.AllRules())
        {
            Visit(rule.Target);
        }

        while (queue.Count > 0)
        {
            var step = byName[queue.Dequeue()];
            foreach (var rule in step.AllRules())
            {
                Visit(rule.Target);
            }

            Visit(step.Initial);
            if (step.Question is { } q)
            {
                Visit(q.Next ?? step.Parent!.Form!.Confirm ?? step.Parent.Form.Done.Target);
            }

            if (step.Parent is not null)
            {
                Visit(step.Parent.Name);
            }
        }

        foreach (var step in steps)
        {
            if (!reachable.Contains(step.Name))
            {
                errors.Add($"step '{step.Name}': cannot be reached from the start step '{start}' (mark it .EntryPoint() if code enters it).");
            }
        }

        return errors;
    }

    private static void CheckDuplicates(StepDefinition step, string where, List<string> errors)
    {
        var seen = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        foreach (var rule in step.Rules.Concat(step.Timeouts))
        {
            foreach (var key in rule.Matcher.Keys)
            {
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add($"{where}: rules '{first.Matcher.Label}' and '{rule.Matcher.Label}' match the same input; the second would never run.");
                    break;
                }

                seen.Add(key, rule);
            }
        }
    }
}
