namespace ChatFlow;

/// <summary>Builds a <see cref="Scenario"/>: its steps, forms and global rules.</summary>
public sealed class ScenarioBuilder
{
    private readonly BuildGuard _guard = new();
    private readonly List<string> _errors = [];
    private readonly List<object> _order = [];
    private readonly Dictionary<string, object> _byName = new(StringComparer.Ordinal);
    private readonly GlobalRulesBuilder _global;
    private string? _start;

    /// <summary>Creates a builder.</summary>
    /// <param name="id">The scenario's identifier, unique within a bot.</param>
    public ScenarioBuilder(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
        _global = new GlobalRulesBuilder(new StepDefinition(Scenario.RootState, StepKind.Step), _guard, _errors);
    }

    /// <summary>Gets the scenario's identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the global rules, which apply in every step.</summary>
    /// <returns>The global rules.</returns>
    public GlobalRulesBuilder Always() => _global;

    /// <summary>Adds a step, or returns the one already added with that name.</summary>
    /// <param name="name">The step's name, unique in the scenario. The first step added is where the scenario starts unless <see cref="StartAt"/> says otherwise.</param>
    /// <returns>The step.</returns>
    public StepBuilder Step(string name)
    {
        ValidateName(name);
        _guard.Check();
        if (_byName.TryGetValue(name, out var existing))
        {
            return existing as StepBuilder ?? throw new ArgumentException($"'{name}' is already a form in scenario '{Id}'.", nameof(name));
        }

        var step = new StepBuilder(new StepDefinition(name, StepKind.Step), _guard, _errors);
        _byName.Add(name, step);
        _order.Add(step);
        return step;
    }

    /// <summary>Adds a form: a parent step whose questions are its sub-steps. <c>GoTo(name)</c> starts it.</summary>
    /// <param name="name">The form's name, unique in the scenario.</param>
    /// <param name="configure">Adds the questions, confirmation and completion.</param>
    /// <returns>The form.</returns>
    public FormBuilder Form(string name, Action<FormBuilder> configure)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(configure);
        _guard.Check();
        if (_byName.ContainsKey(name))
        {
            throw new ArgumentException($"'{name}' is already a step or form in scenario '{Id}'.", nameof(name));
        }

        var form = new FormBuilder(new StepDefinition(name, StepKind.Form), _guard, _errors);
        _byName.Add(name, form);
        _order.Add(form);
        configure(form);
        return form;
    }

    /// <summary>Sets the step the scenario starts at.</summary>
    /// <param name="step">The step's name.</param>
    /// <returns>This builder.</returns>
    public ScenarioBuilder StartAt(string step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        _guard.Check();
        _start = step;
        return this;
    }

    /// <summary>Validates the scenario and builds it. A built scenario is immutable and can be shared by any number of bots.</summary>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioValidationException">The scenario is inconsistent; the message names each step at fault.</exception>
    public Scenario Build()
    {
        _guard.Check();
        _guard.Built = true;
        var steps = new List<StepDefinition>();
        var entryPoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in _order)
        {
            switch (item)
            {
                case StepBuilder s:
                    steps.Add(s.Definition);
                    if (s.IsEntryPoint)
                    {
                        entryPoints.Add(s.Name);
                    }

                    break;
                case FormBuilder f:
                    steps.AddRange(f.Compile());
                    break;
            }
        }

        var errors = new List<string>(_errors);
        if (steps.Count == 0)
        {
            errors.Add("the scenario has no steps.");
            throw new ScenarioValidationException(Id, errors);
        }

        var start = _start ?? steps[0].Name;
        errors.AddRange(ScenarioValidator.Validate(steps, _global.Definition, start, entryPoints));
        if (errors.Count > 0)
        {
            throw new ScenarioValidationException(Id, errors);
        }

        return new Scenario(Id, start, steps, _global.Definition);
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith('(') || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Step name '{name}' is reserved: names may not start with '(' or contain '/'.", nameof(name));
        }
    }
}
