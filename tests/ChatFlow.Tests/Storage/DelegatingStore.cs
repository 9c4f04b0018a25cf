using ChatFlow;

namespace ChatFlow.Tests.Storage;

/// <summary>A store that passes every call to an in-memory store; tests derive from it to change one behaviour or to have a store type of their own.</summary>
internal class DelegatingStore : IConversationStore
{
    private readonly InMemoryConversationStore _inner = new();

    public ValueTask<ConversationState?> LoadAsync(ConversationAddress address, CancellationToken cancellationToken) => _inner.LoadAsync(address, cancellationToken);

    public virtual ValueTask<bool> TrySaveAsync(ConversationState state, long expectedVersion, CancellationToken cancellationToken) => _inner.TrySaveAsync(state, expectedVersion, cancellationToken);

    public ValueTask<bool> TryDeleteAsync(ConversationAddress address, long expectedVersion, CancellationToken cancellationToken) => _inner.TryDeleteAsync(address, expectedVersion, cancellationToken);

    public ValueTask<IReadOnlyList<ConversationAddress>> GetDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) => _inner.GetDueAsync(now, maxCount, cancellationToken);
}
