namespace ChatFlow;

/// <summary>Where a conversation resumes when the sub-scenario it entered ends. Part of the stored conversation.</summary>
public sealed class ScenarioFrame
{
    /// <summary>Gets or sets the calling scenario.</summary>
    public string Scenario { get; set; } = string.Empty;

    /// <summary>Gets or sets the calling step, whose continuation runs when the sub-scenario ends.</summary>
    public string Step { get; set; } = string.Empty;
}
