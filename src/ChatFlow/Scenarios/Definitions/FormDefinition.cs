namespace ChatFlow;

/// <summary>What a compiled form adds to its step: its questions and how it finishes.</summary>
internal sealed class FormDefinition
{
    public required string[] Questions { get; init; }

    public string? Confirm { get; init; }

    /// <summary>Runs the form's completion actions and leaves the form.</summary>
    public required RuleDefinition Done { get; init; }

    /// <summary>Runs when a question's attempts run out.</summary>
    public required RuleDefinition GiveUp { get; init; }
}
