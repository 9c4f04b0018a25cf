using System.Collections.Concurrent;

namespace ChatFlow.Channels.Vk.Tests.Fakes;

/// <summary>A dispatcher that records what the receivers hand to the bot.</summary>
internal sealed class RecordingDispatcher : IChatDispatcher
{
    private readonly ConcurrentQueue<IncomingMessage> _messages = new();

    public IReadOnlyList<IncomingMessage> Messages => _messages.ToArray();

    public bool Refuse { get; set; }

    public ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return ValueTask.FromResult(new DispatchResult(DispatchStatus.Handled, null, 0));
    }

    public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        if (Refuse)
        {
            throw new ObjectDisposedException("bot");
        }

        _messages.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}
