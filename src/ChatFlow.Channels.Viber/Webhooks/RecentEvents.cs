namespace ChatFlow.Channels.Viber;

/// <summary>
/// The most recent callback keys (<c>event:message_token</c>) this process handled, to drop Viber's
/// redeliveries of events that never reach a conversation (receipts) and to answer repeats at once.
/// Conversations also drop repeats durably by <see cref="IncomingMessage.UpdateId"/>.
/// </summary>
internal sealed class RecentEvents(int capacity)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Adds a key; false when it is already there (a repeat).</summary>
    public bool TryAdd(string key)
    {
        lock (_gate)
        {
            if (!_keys.Add(key))
            {
                return false;
            }

            _order.Enqueue(key);
            while (_order.Count > capacity)
            {
                _keys.Remove(_order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>Forgets a key whose handling failed, so that Viber's retry is handled.</summary>
    public void Remove(string key)
    {
        lock (_gate)
        {
            _keys.Remove(key);
        }
    }
}
