using System.Collections.Concurrent;

namespace ChatFlow;

/// <summary>
/// Keeps conversations in process memory, with the same versioned-write contract as a durable
/// store. For development, tests and single-instance bots that may lose state on restart.
/// </summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<ConversationAddress, ConversationState> _conversations = new();
    private readonly SortedSet<(DateTimeOffset Due, ConversationAddress Address)> _due = new(DueComparer.Instance);
    private readonly Dictionary<ConversationAddress, DateTimeOffset> _dueByAddress = [];
    private readonly Lock _dueLock = new();

    /// <summary>Gets the number of stored conversations.</summary>
    public int Count => _conversations.Count;

    /// <summary>Gets a copy of every stored conversation; for diagnostics and tests.</summary>
    public IEnumerable<ConversationState> Conversations => _conversations.Values.Select(c => c.Clone());

    /// <inheritdoc />
    public ValueTask<ConversationState?> LoadAsync(ConversationAddress address, CancellationToken cancellationToken) =>
        new(_conversations.TryGetValue(address, out var state) ? state.Clone() : null);

    /// <inheritdoc />
    public ValueTask<bool> TrySaveAsync(ConversationState state, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var address = state.Address;
        bool saved;
        if (expectedVersion == 0)
        {
            state.Version = 1;
            saved = _conversations.TryAdd(address, state);
        }
        else if (_conversations.TryGetValue(address, out var current) && current.Version == expectedVersion)
        {
            state.Version = expectedVersion + 1;
            saved = _conversations.TryUpdate(address, state, current);
        }
        else
        {
            saved = false;
        }

        if (saved)
        {
            IndexDue(address, state.GetNextDueTime());
        }

        return new(saved);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryDeleteAsync(ConversationAddress address, long expectedVersion, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue(address, out var current) || current.Version != expectedVersion
            || !_conversations.TryRemove(new KeyValuePair<ConversationAddress, ConversationState>(address, current)))
        {
            return new(false);
        }

        IndexDue(address, null);
        return new(true);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ConversationAddress>> GetDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        List<ConversationAddress>? result = null;
        lock (_dueLock)
        {
            foreach (var (due, address) in _due)
            {
                if (due > now || (result?.Count ?? 0) >= maxCount)
                {
                    break;
                }

                (result ??= []).Add(address);
            }
        }

        return new(result ?? (IReadOnlyList<ConversationAddress>)[]);
    }

    private void IndexDue(ConversationAddress address, DateTimeOffset? due)
    {
        lock (_dueLock)
        {
            if (_dueByAddress.TryGetValue(address, out var old))
            {
                if (old == due)
                {
                    return;
                }

                _due.Remove((old, address));
                _dueByAddress.Remove(address);
            }

            if (due is { } d)
            {
                _due.Add((d, address));
                _dueByAddress[address] = d;
            }
        }
    }

    private sealed class DueComparer : IComparer<(DateTimeOffset Due, ConversationAddress Address)>
    {
        public static readonly DueComparer Instance = new();

        public int Compare((DateTimeOffset Due, ConversationAddress Address) x, (DateTimeOffset Due, ConversationAddress Address) y)
        {
            var c = x.Due.CompareTo(y.Due);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(x.Address.Channel.Value, y.Address.Channel.Value);
            return c != 0 ? c : string.CompareOrdinal(x.Address.ChatId, y.Address.ChatId);
        }
    }
}
