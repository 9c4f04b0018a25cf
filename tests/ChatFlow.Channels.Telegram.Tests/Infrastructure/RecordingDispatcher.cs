using System.Collections.Concurrent;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>A dispatcher that records what it is given, for tests that need no scenario.</summary>
internal sealed class RecordingDispatcher : IChatDispatcher
{
    private readonly ConcurrentQueue<IncomingMessage> _messages = new();

    public IReadOnlyList<IncomingMessage> Messages => _messages.ToArray();

    public ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return ValueTask.FromResult(new DispatchResult(DispatchStatus.Handled, null, 0));
    }

    public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}
