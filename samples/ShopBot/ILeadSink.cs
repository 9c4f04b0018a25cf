namespace ShopBot;

/// <summary>Where finished orders go: a CRM, an e-mail to sales, a chat of managers.</summary>
public interface ILeadSink
{
    /// <summary>Hands a lead to the sales team.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="cancellationToken">Cancels the hand-off.</param>
    /// <returns>A task that completes when the lead is handed over.</returns>
    ValueTask SendAsync(Lead lead, CancellationToken cancellationToken);
}
