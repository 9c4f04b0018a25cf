namespace ChatFlow.Channels.Viber;

/// <summary>Lets at most <c>permits</c> calls start in any window of time; further callers wait (on the given clock).</summary>
internal sealed class SlidingWindowLimiter(int permits, TimeSpan window, TimeProvider timeProvider)
{
    private readonly Queue<DateTimeOffset> _started = new();
    private readonly Lock _gate = new();
    private int _waiting;

    /// <summary>Gets how many callers are waiting for a permit.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan delay;
            lock (_gate)
            {
                var now = timeProvider.GetUtcNow();
                while (_started.Count > 0 && _started.Peek() + window <= now)
                {
                    _started.Dequeue();
                }

                if (_started.Count < permits)
                {
                    _started.Enqueue(now);
                    return;
                }

                delay = _started.Peek() + window - now;
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }
}
