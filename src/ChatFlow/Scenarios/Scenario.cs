using System.Collections.Concurrent;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace ChatFlow;

/// <summary>
/// A built, validated scenario: steps, forms and rules compiled onto a Stateless state machine.
/// Immutable and thread-safe; one instance serves every conversation of every bot it is added to.
/// Make one with <see cref="Define"/> or <see cref="ScenarioBuilder"/>.
/// </summary>
public sealed class Scenario
{
    internal const string RootState = "(scenario)";
    internal const string EndState = "(end)";
    internal const string OperatorState = "(operator)";

    private readonly Dictionary<string, StepDefinition> _steps;
    private readonly ConcurrentBag<ScenarioMachine> _pool = [];

    internal Scenario(string id, string start, List<StepDefinition> steps, StepDefinition global)
    {
        Id = id;
        StartStep = start;
        _steps = steps.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Steps = steps.Select(s => s.Name).ToArray();
        Global = global;
        SubScenarios = steps.Where(s => s.SubScenario is not null).Select(s => s.SubScenario!).Distinct(StringComparer.Ordinal).ToArray();

        // Configure the machines now: Stateless rejects inconsistent configurations here, not at run time.
        _pool.Add(new ScenarioMachine(this));
        _ = new ScenarioMachine(this, forDiagram: true);
    }

    /// <summary>Gets the scenario's identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the step a new conversation starts at.</summary>
    public string StartStep { get; }

    /// <summary>Gets the names of all steps, form questions included (as <c>form/question</c>).</summary>
    public IReadOnlyList<string> Steps { get; }

    internal StepDefinition Global { get; }

    internal IReadOnlyList<string> SubScenarios { get; }

    internal IEnumerable<StepDefinition> StepDefinitions => _steps.Values;

    /// <summary>Defines and builds a scenario in one call.</summary>
    /// <param name="id">The scenario's identifier, unique within a bot.</param>
    /// <param name="configure">Adds the steps, forms and global rules.</param>
    /// <returns>The built scenario.</returns>
    /// <exception cref="ScenarioValidationException">The scenario is inconsistent; the message names each step at fault.</exception>
    public static Scenario Define(string id, Action<ScenarioBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ScenarioBuilder(id);
        configure(builder);
        return builder.Build();
    }

    /// <summary>Draws the scenario as a Mermaid state diagram, with readable rule labels.</summary>
    /// <returns>The Mermaid source.</returns>
    public string ToMermaid() =>
        MermaidIds.Sanitize(MermaidGraph.Format(Info()), Steps.Append(RootState).Append(EndState).Append(OperatorState));

    /// <summary>Draws the scenario as a Graphviz DOT (UML state) diagram, with readable rule labels.</summary>
    /// <returns>The DOT source.</returns>
    public string ToDot() => UmlDotGraph.Format(Info());

    /// <inheritdoc />
    public override string ToString() => $"Scenario '{Id}' ({_steps.Count} steps)";

    internal bool TryGetStep(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out StepDefinition step) =>
        _steps.TryGetValue(name, out step);

    /// <summary>
    /// Fires a rule's trigger from a step on a pooled machine held exclusively for the call, and
    /// returns the resulting state. Stateless machines are not thread-safe; none is shared.
    /// </summary>
    internal string Fire(string from, RuleTrigger trigger, string? dynamicTarget)
    {
        if (!_pool.TryTake(out var machine))
        {
            machine = new ScenarioMachine(this);
        }

        try
        {
            return machine.Fire(from, trigger, dynamicTarget);
        }
        finally
        {
            _pool.Add(machine);
        }
    }

    private StateMachineInfo Info()
    {
        var machine = new ScenarioMachine(this, forDiagram: true);
        return machine.GetInfo(StartStep);
    }
}
