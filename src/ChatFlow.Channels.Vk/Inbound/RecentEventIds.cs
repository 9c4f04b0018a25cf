namespace ChatFlow.Channels.Vk.Inbound;

/// <summary>The most recent VK event ids, to process a repeated delivery once. Bounded; thread-safe.</summary>
internal sealed class RecentEventIds(int capacity)
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Remembers an id; false when it was already seen.</summary>
    public bool TryAdd(string id)
    {
        lock (_gate)
        {
            if (!_set.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _set.Remove(_order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>Forgets an id whose event could not be handed over, so a redelivery is processed.</summary>
    public void Remove(string id)
    {
        lock (_gate)
        {
            _set.Remove(id);
        }
    }
}
