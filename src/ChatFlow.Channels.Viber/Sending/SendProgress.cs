using System.Collections.Concurrent;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// Remembers how many Viber requests of a reply part already went out, by the part's idempotency
/// key, so that a retry after a partial failure (a split text) does not send the first requests again.
/// Viber has no idempotency key of its own. In memory only: after a restart a retry sends them all.
/// </summary>
internal sealed class SendProgress
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, int> _done = new(StringComparer.Ordinal);

    public int Done(string key) => _done.TryGetValue(key, out var done) ? done : 0;

    public void Advance(string key, int done)
    {
        if (_done.Count >= Capacity)
        {
            _done.Clear();
        }

        _done[key] = done;
    }

    public void Complete(string key) => _done.TryRemove(key, out _);
}
