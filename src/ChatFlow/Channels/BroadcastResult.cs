namespace ChatFlow;

/// <summary>The outcome of a broadcast: one result per recipient.</summary>
/// <param name="Results">Each recipient's chat id and delivery result.</param>
public sealed record BroadcastResult(IReadOnlyDictionary<string, DeliveryResult> Results)
{
    /// <summary>Gets the recipients whose delivery did not succeed.</summary>
    public IEnumerable<string> Failed => Results.Where(r => r.Value.Status != DeliveryStatus.Sent).Select(r => r.Key);
}
