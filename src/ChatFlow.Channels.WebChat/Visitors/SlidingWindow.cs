namespace ChatFlow.Channels.WebChat.Visitors;

/// <summary>At most so many events in any window of time: the times of the recent ones. Not thread-safe; callers lock.</summary>
internal sealed class SlidingWindow
{
    private readonly Queue<DateTimeOffset> _recent = new();

    /// <summary>Takes one event from the allowance, or says how long until one is free.</summary>
    /// <param name="now">The time of the event.</param>
    /// <param name="limit">How many events the window allows.</param>
    /// <param name="window">The window's length.</param>
    /// <param name="retryAfter">How long to wait when refused; zero when taken.</param>
    /// <returns>True when the event fits.</returns>
    public bool TryTake(DateTimeOffset now, int limit, TimeSpan window, out TimeSpan retryAfter)
    {
        while (_recent.Count > 0 && now - _recent.Peek() >= window)
        {
            _recent.Dequeue();
        }

        if (_recent.Count >= limit)
        {
            retryAfter = window - (now - _recent.Peek());
            return false;
        }

        _recent.Enqueue(now);
        retryAfter = TimeSpan.Zero;
        return true;
    }

    /// <summary>Returns whether no event of the window is left, so the window can be forgotten.</summary>
    /// <param name="now">The time now.</param>
    /// <param name="window">The window's length.</param>
    /// <returns>True when every event is older than the window.</returns>
    public bool IsQuiet(DateTimeOffset now, TimeSpan window) => _recent.Count == 0 || now - _recent.Last() >= window;
}
