namespace ChatFlow.Channels.Viber;

/// <summary>
/// Counts the messages each user got since they last wrote, over the last hour: Viber allows 100
/// a user per hour without a reply and answers status 12 past that. A message from the user resets the count.
/// </summary>
internal sealed class UserQuota(int limit, TimeProvider timeProvider)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Limit => limit;

    /// <summary>Returns how long to wait before <paramref name="count"/> more messages may go to the user, or null when they may go now.</summary>
    public TimeSpan? WaitTime(string userId, int count, out int sentInWindow)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            sentInWindow = 0;
            if (!_sent.TryGetValue(userId, out var stamps))
            {
                return count > limit ? Window : null;
            }

            Prune(stamps, now);
            sentInWindow = stamps.Count;
            var excess = stamps.Count + count - limit;
            if (excess <= 0)
            {
                return null;
            }

            // The excess-th oldest send has to leave the window first.
            var freeAt = stamps.ElementAt(Math.Min(excess, stamps.Count) - 1) + Window;
            var wait = freeAt - now;
            return wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>Records a message that went to the user.</summary>
    public void Record(string userId)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_sent.TryGetValue(userId, out var stamps))
            {
                if (_sent.Count >= 10_000)
                {
                    Sweep(now);
                }

                _sent[userId] = stamps = new Queue<DateTimeOffset>();
            }

            stamps.Enqueue(now);
        }
    }

    /// <summary>The user wrote: Viber resets their count.</summary>
    public void Reset(string userId)
    {
        lock (_gate)
        {
            _sent.Remove(userId);
        }
    }

    private static void Prune(Queue<DateTimeOffset> stamps, DateTimeOffset now)
    {
        while (stamps.Count > 0 && stamps.Peek() + Window <= now)
        {
            stamps.Dequeue();
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (user, stamps) in _sent.ToArray())
        {
            Prune(stamps, now);
            if (stamps.Count == 0)
            {
                _sent.Remove(user);
            }
        }
    }
}
