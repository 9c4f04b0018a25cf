namespace ChatFlow;

/// <summary>Thrown by scenario building when a scenario is inconsistent; the message names each offending step.</summary>
public sealed class ScenarioValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioValidationException()
        : this("The scenario is invalid.", [])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ScenarioValidationException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from a list of problems.</summary>
    /// <param name="scenario">The scenario's identifier.</param>
    /// <param name="errors">One line per problem, each naming its step.</param>
    public ScenarioValidationException(string scenario, IReadOnlyList<string> errors)
        : base($"Scenario '{scenario}' is invalid:{string.Concat((errors ?? []).Select(e => Environment.NewLine + " - " + e))}")
    {
        Errors = errors ?? [];
    }

    /// <summary>Gets one line per problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
