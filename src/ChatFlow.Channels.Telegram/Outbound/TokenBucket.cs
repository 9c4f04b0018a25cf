namespace ChatFlow.Channels.Telegram;

/// <summary>
/// A token bucket that hands out reservations: a caller takes a token now and is told how long to
/// wait until that token exists. Tokens may go negative, so waiting callers queue up fairly.
/// Not thread-safe; <see cref="TelegramPacer"/> locks around it.
/// </summary>
internal sealed class TokenBucket(double perSecond, int burst, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _updated = now;

    public DateTimeOffset Updated => _updated;

    /// <summary>Takes one token and returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        Refill(now);
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / perSecond);
    }

    /// <summary>Gets whether the bucket is full again (so it can be forgotten).</summary>
    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= burst;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _updated)
        {
            _tokens = Math.Min(burst, _tokens + ((now - _updated).TotalSeconds * perSecond));
            _updated = now;
        }
    }
}
