namespace ChatFlow;

/// <summary>A compiled form question.</summary>
internal sealed class QuestionDefinition
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public required Func<ConversationContext, string> Prompt { get; init; }

    public required InputSpec Input { get; init; }

    public string? Retry { get; init; }

    public int MaxAttempts { get; init; }

    /// <summary>Fires on a valid answer; its actions store the value.</summary>
    public RuleTrigger Answered { get; } = new("answer");

    /// <summary>The next question, or null for the last one.</summary>
    public string? Next { get; set; }
}
