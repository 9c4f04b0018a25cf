namespace ChatFlow;

/// <summary>A durable timer of a conversation, such as a step timeout. Part of the stored conversation.</summary>
public sealed class ScheduledTimer
{
    /// <summary>Gets or sets when the timer fires.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Gets or sets the scenario that scheduled it.</summary>
    public string Scenario { get; set; } = string.Empty;

    /// <summary>Gets or sets the step that scheduled it.</summary>
    public string Step { get; set; } = string.Empty;

    /// <summary>Gets or sets which of the step's timeouts this is.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the step entry the timer belongs to; a timer of an earlier entry of the same step is stale.</summary>
    public long Epoch { get; set; }
}
