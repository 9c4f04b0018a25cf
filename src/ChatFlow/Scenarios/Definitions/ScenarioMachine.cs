using Stateless;
using Stateless.Reflection;

namespace ChatFlow;

/// <summary>
/// One configured Stateless machine for a scenario, with external state so a pooled instance can
/// serve any conversation: the caller sets the state, fires, and reads the state back.
/// </summary>
/// <remarks>
/// The machine drawn in diagrams keeps the global rules on a root state that every step is a
/// substate of. The machine that runs configures the global rules on each top-level step instead:
/// the same transitions, without Stateless walking a root with every step under it on each fire
/// (which costs about as much again as the fire itself). Forms stay parent states of their questions.
/// </remarks>
internal sealed class ScenarioMachine
{
    internal static readonly RuleTrigger Jump = new("go to (code)");

    private readonly StateMachine<string, RuleTrigger> _machine;
    private string _state;
    private string? _dynamic;

    public ScenarioMachine(Scenario scenario, bool forDiagram = false)
    {
        _state = scenario.StartStep;
        _machine = new StateMachine<string, RuleTrigger>(() => _state, s => _state = s);
        if (forDiagram)
        {
            var root = _machine.Configure(Scenario.RootState);
            root.PermitDynamic(Jump, () => _dynamic!);
            foreach (var rule in scenario.Global.AllRules())
            {
                Configure(root, rule, Scenario.RootState);
            }
        }

        foreach (var step in scenario.StepDefinitions)
        {
            var config = _machine.Configure(step.Name);
            if (step.Parent is not null)
            {
                config.SubstateOf(step.Parent.Name);
            }
            else if (forDiagram)
            {
                config.SubstateOf(Scenario.RootState);
            }
            else
            {
                config.PermitDynamic(Jump, () => _dynamic!);
                foreach (var rule in scenario.Global.AllRules())
                {
                    Configure(config, rule, step.Name);
                }
            }

            if (step.Initial is not null)
            {
                config.InitialTransition(step.Initial);
            }

            foreach (var rule in step.AllRules())
            {
                if (rule.Owner == step.Name)
                {
                    Configure(config, rule, step.Name);
                }
            }

            if (step.Question is { } q && (q.Next ?? step.Parent!.Form!.Confirm) is { } next)
            {
                config.Permit(q.Answered, next);
            }
        }

        _machine.Configure(Scenario.EndState);
        _machine.Configure(Scenario.OperatorState);
    }

    public string Fire(string from, RuleTrigger trigger, string? dynamicTarget)
    {
        _state = from;
        _dynamic = dynamicTarget;
        try
        {
            _machine.Fire(trigger);
            return _state;
        }
        finally
        {
            _dynamic = null;
        }
    }

    public StateMachineInfo GetInfo(string state)
    {
        _state = state;
        return _machine.GetInfo();
    }

    private void Configure(StateMachine<string, RuleTrigger>.StateConfiguration config, RuleDefinition rule, string owner)
    {
        switch (rule.Terminal)
        {
            case TerminalKind.Stay:
                config.InternalTransition(rule.Trigger, static _ => { });
                break;
            case TerminalKind.GoTo when rule.Target == owner:
                config.PermitReentry(rule.Trigger);
                break;
            case TerminalKind.GoTo:
                config.Permit(rule.Trigger, rule.Target!);
                break;
            case TerminalKind.Back:
                config.PermitDynamic(rule.Trigger, () => _dynamic!);
                break;
            case TerminalKind.End:
                config.Permit(rule.Trigger, Scenario.EndState);
                break;
            case TerminalKind.HandOff:
                config.Permit(rule.Trigger, Scenario.OperatorState);
                break;
        }
    }
}
