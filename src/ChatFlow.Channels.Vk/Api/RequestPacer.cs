namespace ChatFlow.Channels.Vk.Api;

/// <summary>
/// Lets at most <c>n</c> requests start in any one-second window (VK: 20 per second per community
/// token). Waits on the given clock, so tests can drive it with a fake one.
/// </summary>
internal sealed class RequestPacer(int perSecond, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                while (_starts.Count > 0 && _starts.Peek() + Window <= now)
                {
                    _starts.Dequeue();
                }

                if (_starts.Count < perSecond)
                {
                    _starts.Enqueue(now);
                    return;
                }

                await Task.Delay(_starts.Peek() + Window - now, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
