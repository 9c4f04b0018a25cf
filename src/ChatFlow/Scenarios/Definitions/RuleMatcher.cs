namespace ChatFlow;

/// <summary>Decides whether a rule applies to a message.</summary>
/// <param name="Label">How the rule is drawn in diagrams (for example <c>button: Order</c>).</param>
/// <param name="Keys">Identities for duplicate detection; two rules of one step with a common key are duplicates.</param>
/// <param name="Matches">The test.</param>
internal sealed record RuleMatcher(string Label, string[] Keys, Func<ConversationContext, bool> Matches)
{
    public bool IsFallback { get; init; }

    public bool IsTimeout { get; init; }
}
