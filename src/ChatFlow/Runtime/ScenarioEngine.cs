using Microsoft.Extensions.Logging;

namespace ChatFlow;

/// <summary>
/// Runs scenarios against a conversation: matches a message to a rule (the step's rules, then its
/// form's, then the global rules; then a question's answer; then the fallbacks), runs the rule's
/// actions, fires its trigger on the scenario's Stateless machine, and enters the resulting step.
/// Works only on the <see cref="ConversationState"/> in the context; no I/O of its own.
/// </summary>
internal sealed class ScenarioEngine
{
    private const int MaxHops = 64;
    private const int MaxHistory = 10;

    private readonly Dictionary<string, Scenario> _scenarios;
    private readonly ChatBotOptions _options;

    private readonly string? _bot;

    public ScenarioEngine(IReadOnlyList<Scenario> scenarios, ChatBotOptions options, string? bot = null)
    {
        _bot = bot;
        Main = scenarios[0];
        _scenarios = scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _options = options;
    }

    public Scenario Main { get; }

    public async ValueTask HandleAsync(ConversationContext c, CancellationToken ct)
    {
        var s = c.State;
        if (c.Message.Content is TimerContent timer)
        {
            await HandleTimerAsync(c, timer.Timer, ct).ConfigureAwait(false);
            return;
        }

        if (s.Mode == ConversationMode.Operator)
        {
            c.Status = DispatchStatus.HandedOff;
            Log.OperatorMode(c.Logger, c.Address);
            if (_options.OnOperatorMessage is { } forward)
            {
                await forward(c, ct).ConfigureAwait(false);
            }

            return;
        }

        var fresh = s.Step is null;
        if (!fresh && !TryResolve(s, out _, out _))
        {
            Log.UnknownStep(c.Logger, c.Address, s.Scenario, s.Step);
            fresh = true;
        }

        if (fresh)
        {
            s.Scenario = Main.Id;
            s.Step = Main.StartStep;
            s.CallStack.Clear();
            s.History.Clear();
            if (s.HasTimers)
            {
                s.Timers.Clear();
            }
        }

        TryResolve(s, out var scenario, out var step);
        var epoch = s.Epoch;
        var fallbacks = s.FallbackCount;
        var rule = Match(c, scenario, step, fresh, out var answer);
        if (rule is not null)
        {
            if (rule.CountsAsFallback)
            {
                CountFallback(c);
            }

            await ExecuteAsync(c, scenario, step.Name, rule, ct).ConfigureAwait(false);
        }
        else if (c.Message.Content is LifecycleContent lifecycle && !(fresh && lifecycle.Event == LifecycleEvent.ConversationStarted))
        {
            // Lifecycle events no rule asked for need no answer, least of all "I didn't understand"; they are
            // not the user's activity either, and a conversation they would open stays unopened (its first
            // message still gets the greeting).
            c.Status = DispatchStatus.Ignored;
            if (fresh)
            {
                s.Scenario = null;
                s.Step = null;
            }

            return;
        }
        else if (fresh)
        {
            // A new conversation that matched no rule starts at the start step: the greeting.
            await EnterAsync(c, scenario, step.Name, from: null, remember: false, hops: 0, ct).ConfigureAwait(false);
        }
        else if (answer)
        {
            await AnswerAsync(c, scenario, step, ct).ConfigureAwait(false);
        }
        else
        {
            CountFallback(c);
            c.Say(_options.DidNotUnderstand);
        }

        // An understood message (not a lifecycle event, which is not the user's doing) ends a run of misunderstandings.
        if (s.FallbackCount == fallbacks && c.Message.Content is not LifecycleContent)
        {
            s.FallbacksInARow = 0;
        }

        // The user is active: a step they stay on restarts its timeouts.
        if (s.Epoch == epoch && s.Step is not null && s.Mode == ConversationMode.Bot && TryResolve(s, out var sc, out var current))
        {
            Schedule(c, sc, current);
        }
    }

    /// <summary>Enters the start step of the main scenario (or <paramref name="step"/>) from outside, for example when an operator returns a conversation.</summary>
    public ValueTask EnterAsync(ConversationContext c, string? step, CancellationToken ct)
    {
        var s = c.State;
        s.Mode = ConversationMode.Bot;
        s.Scenario = Main.Id;
        s.CallStack.Clear();
        var target = step ?? Main.StartStep;
        if (!Main.TryGetStep(target, out _))
        {
            throw new ArgumentException($"Scenario '{Main.Id}' has no step '{target}'.", nameof(step));
        }

        return EnterAsync(c, Main, target, from: null, remember: false, hops: 0, ct);
    }

    private void CountFallback(ConversationContext c)
    {
        c.Status = DispatchStatus.Fallback;
        c.State.FallbackCount++;
        c.State.FallbacksInARow++;
        ChatFlowTelemetry.Fallbacks.Add(1, ChatFlowTelemetry.Tags(c.Address, _bot));
    }

    private bool TryResolve(ConversationState s, out Scenario scenario, out StepDefinition step)
    {
        if (s.Scenario is not null && s.Step is not null && _scenarios.TryGetValue(s.Scenario, out scenario!) && scenario.TryGetStep(s.Step, out step!))
        {
            return true;
        }

        scenario = Main;
        Main.TryGetStep(Main.StartStep, out step!);
        return false;
    }

    private static RuleDefinition? Match(ConversationContext c, Scenario scenario, StepDefinition step, bool fresh, out bool answer)
    {
        answer = false;
        var rule = First(c, step.Rules) ?? (step.Parent is { } parent ? First(c, parent.Rules) : null) ?? First(c, scenario.Global.Rules);
        if (rule is not null || fresh || c.Message.Content is LifecycleContent)
        {
            return rule;
        }

        if (step.Question is not null)
        {
            answer = true;
            return null;
        }

        return step.Fallback ?? step.Parent?.Fallback ?? scenario.Global.Fallback;
    }

    private static RuleDefinition? First(ConversationContext c, List<RuleDefinition> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Matcher.Matches(c))
            {
                return rule;
            }
        }

        return null;
    }

    private async ValueTask HandleTimerAsync(ConversationContext c, ScheduledTimer timer, CancellationToken ct)
    {
        var s = c.State;
        var index = s.Timers.FindIndex(t => t.Epoch == timer.Epoch && t.Index == timer.Index && t.Step == timer.Step && t.Scenario == timer.Scenario);
        if (index >= 0)
        {
            s.Timers.RemoveAt(index);
        }

        if (index < 0 || s.Epoch != timer.Epoch || s.Scenario != timer.Scenario || s.Mode != ConversationMode.Bot
            || !TryResolve(s, out var scenario, out var step) || !scenario.TryGetStep(timer.Step, out var owner) || timer.Index >= owner.Timeouts.Count)
        {
            c.Status = DispatchStatus.Ignored;
            Log.StaleTimer(c.Logger, c.Address, timer.Step);
            return;
        }

        await ExecuteAsync(c, scenario, step.Name, owner.Timeouts[timer.Index], ct).ConfigureAwait(false);
    }

    private async ValueTask AnswerAsync(ConversationContext c, Scenario scenario, StepDefinition step, CancellationToken ct)
    {
        var s = c.State;
        var q = step.Question!;
        var form = step.Parent!.Form!;
        var result = q.Input.Read(c.Message);
        if (result.IsValid)
        {
            s.Values.Set(q.Name, result.Value!);
            s.Attempts = 0;
            if (s.Editing is not null && form.Confirm is not null)
            {
                s.Editing = null;
                await TransitionAsync(c, scenario, step.Name, ScenarioMachine.Jump, form.Confirm, remember: true, ct).ConfigureAwait(false);
            }
            else if ((q.Next ?? form.Confirm) is not null)
            {
                await TransitionAsync(c, scenario, step.Name, q.Answered, null, remember: true, ct).ConfigureAwait(false);
            }
            else
            {
                await ExecuteAsync(c, scenario, step.Name, form.Done, ct).ConfigureAwait(false);
            }

            return;
        }

        CountFallback(c);
        s.Attempts++;
        if (s.Attempts >= q.MaxAttempts)
        {
            s.Attempts = 0;
            s.Editing = null;
            await ExecuteAsync(c, scenario, step.Name, form.GiveUp, ct).ConfigureAwait(false);
            return;
        }

        c.Say(new OutgoingMessage(q.Retry ?? result.Error, q.Input.GetKeyboard(c.Capabilities)));
    }

    private async ValueTask ExecuteAsync(ConversationContext c, Scenario scenario, string current, RuleDefinition rule, CancellationToken ct)
    {
        c.ClearRedirect();
        foreach (var action in rule.Actions)
        {
            await action(c, ct).ConfigureAwait(false);
        }

        if (c.HandOffReason is { } why)
        {
            c.ClearRedirect();
            await HandOffAsync(c, why, ct).ConfigureAwait(false);
            return;
        }

        if (c.Redirect is { } redirect)
        {
            c.ClearRedirect();
            if (!scenario.TryGetStep(redirect, out _))
            {
                throw new InvalidOperationException($"Scenario '{scenario.Id}', step '{current}': code asked to go to unknown step '{redirect}'.");
            }

            await TransitionAsync(c, scenario, current, ScenarioMachine.Jump, redirect, remember: true, ct).ConfigureAwait(false);
            return;
        }

        var s = c.State;
        switch (rule.Terminal)
        {
            case TerminalKind.Stay:
                // An internal transition with no effect: nothing to ask the state machine.
                break;
            case TerminalKind.GoTo:
                await TransitionAsync(c, scenario, current, rule.Trigger, null, remember: true, ct).ConfigureAwait(false);
                break;
            case TerminalKind.Back:
                var previous = s.History.Count > 0 ? s.History[^1] : null;
                if (previous is null || !scenario.TryGetStep(previous, out _))
                {
                    scenario.Fire(current, ScenarioMachine.Jump, current);
                    await EnterAsync(c, scenario, current, from: null, remember: false, hops: 0, ct).ConfigureAwait(false);
                    break;
                }

                s.History.RemoveAt(s.History.Count - 1);
                await TransitionAsync(c, scenario, current, rule.Trigger, previous, remember: false, ct).ConfigureAwait(false);
                break;
            case TerminalKind.End:
                scenario.Fire(current, rule.Trigger, null);
                await EndAsync(c, 0, ct).ConfigureAwait(false);
                break;
            case TerminalKind.HandOff:
                scenario.Fire(current, rule.Trigger, null);
                await HandOffAsync(c, rule.HandOffReason!, ct).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask HandOffAsync(ConversationContext c, string reason, CancellationToken ct)
    {
        var s = c.State;
        s.Mode = ConversationMode.Operator;
        s.Timers.Clear();
        c.Status = DispatchStatus.HandedOff;
        Log.HandedOff(c.Logger, c.Address, reason);
        if (_options.OnHandOff is { } handOff)
        {
            await handOff(c, reason, ct).ConfigureAwait(false);
        }
    }

    private ValueTask TransitionAsync(ConversationContext c, Scenario scenario, string current, RuleTrigger trigger, string? dynamicTarget, bool remember, CancellationToken ct)
    {
        var destination = scenario.Fire(current, trigger, dynamicTarget);
        return EnterAsync(c, scenario, destination, current, remember, 0, ct);
    }

    private async ValueTask EnterAsync(ConversationContext c, Scenario scenario, string destination, string? from, bool remember, int hops, CancellationToken ct)
    {
        if (hops > MaxHops)
        {
            throw new InvalidOperationException($"Scenario '{scenario.Id}': more than {MaxHops} steps were entered for one message; step '{destination}' is part of a loop of automatic continuations.");
        }

        var s = c.State;
        if (destination == Scenario.EndState)
        {
            await EndAsync(c, hops, ct).ConfigureAwait(false);
            return;
        }

        scenario.TryGetStep(destination, out var step);
        if (step is null)
        {
            throw new InvalidOperationException($"Scenario '{scenario.Id}' has no step '{destination}'.");
        }

        if (remember && from is not null && from != destination && !IsInside(from, step.Parent))
        {
            var history = s.History;
            if (history.Count >= MaxHistory)
            {
                history.RemoveAt(0);
            }

            history.Add(from);
        }

        var enteringForm = step.Parent is { } form && (from is null || !IsInside(from, form));
        s.Scenario = scenario.Id;
        s.Step = step.Name;
        s.Attempts = 0;
        Schedule(c, scenario, step);

        if (enteringForm)
        {
            s.Editing = null;
            foreach (var action in step.Parent!.EntryActions)
            {
                await action(c, ct).ConfigureAwait(false);
            }
        }

        foreach (var action in step.EntryActions)
        {
            await action(c, ct).ConfigureAwait(false);
        }

        if (step.Question is { } q)
        {
            c.Say(new OutgoingMessage(q.Prompt(c), q.Input.GetKeyboard(c.Capabilities)));
        }

        if (step.SubScenario is { } sub)
        {
            if (!_scenarios.TryGetValue(sub, out var subScenario))
            {
                throw new InvalidOperationException($"Scenario '{scenario.Id}', step '{step.Name}': runs unknown scenario '{sub}'.");
            }

            s.CallStack.Add(new ScenarioFrame { Scenario = scenario.Id, Step = step.Name });
            s.History.Clear();
            await EnterAsync(c, subScenario, subScenario.StartStep, from: null, remember: false, hops + 1, ct).ConfigureAwait(false);
        }
        else if (step.Continue is { } next)
        {
            var target = scenario.Fire(step.Name, next.Trigger, null);
            await EnterAsync(c, scenario, target, step.Name, remember: true, hops + 1, ct).ConfigureAwait(false);
        }
        else if (step.IsFinal)
        {
            await EndAsync(c, hops + 1, ct).ConfigureAwait(false);
        }
    }

    private async ValueTask EndAsync(ConversationContext c, int hops, CancellationToken ct)
    {
        var s = c.State;
        s.Timers.Clear();
        s.Attempts = 0;
        s.Editing = null;
        s.History.Clear();
        if (s.CallStack.Count > 0)
        {
            var frame = s.CallStack[^1];
            s.CallStack.RemoveAt(s.CallStack.Count - 1);
            if (!_scenarios.TryGetValue(frame.Scenario, out var caller) || !caller.TryGetStep(frame.Step, out var callerStep) || callerStep.Continue is null)
            {
                throw new InvalidOperationException($"Cannot return from a sub-scenario to step '{frame.Step}' of scenario '{frame.Scenario}'.");
            }

            var target = caller.Fire(frame.Step, callerStep.Continue.Trigger, null);
            await EnterAsync(c, caller, target, frame.Step, remember: false, hops + 1, ct).ConfigureAwait(false);
            return;
        }

        s.Scenario = null;
        s.Step = null;
        s.Epoch++;
    }

    private static bool IsInside(string step, StepDefinition? form) =>
        form is not null && (step == form.Name || (step.Length > form.Name.Length && step[form.Name.Length] == '/' && step.StartsWith(form.Name, StringComparison.Ordinal)));

    /// <summary>Starts the step's timeouts (and its form's) for a new entry of the step; earlier timers become stale.</summary>
    private static void Schedule(ConversationContext c, Scenario scenario, StepDefinition step)
    {
        var s = c.State;
        s.Epoch++;
        if (s.HasTimers)
        {
            s.Timers.Clear();
        }

        if (step.Timeouts.Count == 0 && (step.Parent is null || step.Parent.Timeouts.Count == 0))
        {
            return;
        }

        var now = c.TimeProvider.GetUtcNow();
        AddTimers(s, scenario, step, now);
        if (step.Parent is { } parent)
        {
            AddTimers(s, scenario, parent, now);
        }
    }

    private static void AddTimers(ConversationState s, Scenario scenario, StepDefinition owner, DateTimeOffset now)
    {
        for (var i = 0; i < owner.Timeouts.Count; i++)
        {
            s.Timers.Add(new ScheduledTimer { DueAt = now + owner.Timeouts[i].Delay, Scenario = scenario.Id, Step = owner.Name, Index = i, Epoch = s.Epoch });
        }
    }
}
