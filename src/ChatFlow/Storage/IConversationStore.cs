namespace ChatFlow;

/// <summary>
/// Persists conversations. Every change is one versioned write of the whole
/// <see cref="ConversationState"/> (state, values, timers and unsent replies together), so a store
/// only needs a compare-and-set on a single record: in memory, a SQL row or a Redis key.
/// </summary>
public interface IConversationStore
{
    /// <summary>Loads a conversation.</summary>
    /// <param name="address">The conversation's address.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>
    /// The stored conversation, or null when it does not exist. The instance belongs to the caller, who may
    /// change it: a durable store deserializes a fresh one, an in-memory store returns a copy.
    /// </returns>
    ValueTask<ConversationState?> LoadAsync(ConversationAddress address, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a conversation if its stored version still equals <paramref name="expectedVersion"/>
    /// (0 for a conversation that does not exist yet), setting <see cref="ConversationState.Version"/>
    /// to <paramref name="expectedVersion"/> + 1.
    /// </summary>
    /// <param name="state">The conversation to save; the store owns it afterwards.</param>
    /// <param name="expectedVersion">The version the caller loaded.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns><see langword="true"/> when saved; <see langword="false"/> when another writer saved first.</returns>
    ValueTask<bool> TrySaveAsync(ConversationState state, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes a conversation if its stored version still equals <paramref name="expectedVersion"/>.</summary>
    /// <param name="address">The conversation's address.</param>
    /// <param name="expectedVersion">The version the caller loaded.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when it did not exist or another writer saved first.</returns>
    ValueTask<bool> TryDeleteAsync(ConversationAddress address, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Lists conversations that have something due at or before <paramref name="now"/> (see <see cref="ConversationState.GetNextDueTime"/>).</summary>
    /// <param name="now">The current time.</param>
    /// <param name="maxCount">The most addresses to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The addresses, earliest due first.</returns>
    ValueTask<IReadOnlyList<ConversationAddress>> GetDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);
}
