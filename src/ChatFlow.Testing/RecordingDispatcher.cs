using System.Collections.Concurrent;

namespace ChatFlow.Testing;

/// <summary>
/// An <see cref="IChatDispatcher"/> that records what a channel hands to the bot instead of running one: for testing
/// a channel's receiving side (webhook handlers, polling loops) on its own. Thread-safe.
/// </summary>
public sealed class RecordingDispatcher : IChatDispatcher
{
    private readonly ConcurrentQueue<IncomingMessage> _messages = new();
    private readonly List<(Func<IncomingMessage, bool> Match, TaskCompletionSource<IncomingMessage> Done)> _waiters = [];

    /// <summary>Gets every message handed over, in order.</summary>
    public IReadOnlyList<IncomingMessage> Messages => [.. _messages];

    /// <summary>
    /// Gets or sets an exception every later dispatch throws instead of recording, as a bot does that is stopping
    /// (<see cref="ObjectDisposedException"/>) or broken; null (the default) records.
    /// </summary>
    public Exception? Refusal { get; set; }

    /// <inheritdoc />
    public ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        Record(message);
        return ValueTask.FromResult(new DispatchResult(DispatchStatus.Handled, null, 0));
    }

    /// <inheritdoc />
    public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        Record(message);
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for a message <paramref name="match"/> accepts, one already recorded included.</summary>
    /// <param name="match">Which message.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    /// <returns>The first such message.</returns>
    public Task<IncomingMessage> WaitForAsync(Func<IncomingMessage, bool> match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        var done = new TaskCompletionSource<IncomingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_messages.FirstOrDefault(match) is { } already)
            {
                return Task.FromResult(already);
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private void Record(IncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Refusal is { } refusal)
        {
            throw refusal;
        }

        lock (_waiters)
        {
            _messages.Enqueue(message);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(message))
                {
                    _waiters[i].Done.TrySetResult(message);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
