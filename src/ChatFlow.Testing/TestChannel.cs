using System.Collections.Concurrent;

namespace ChatFlow.Testing;

/// <summary>
/// An in-memory channel: records every delivery and answers with what a test scripts (success by
/// default, or failures such as rate limits and blocked users).
/// </summary>
public sealed class TestChannel : IChatChannel
{
    private readonly ConcurrentQueue<OutgoingDelivery> _sent = new();
    private readonly ConcurrentQueue<Func<OutgoingDelivery, DeliveryResult>> _script = new();

    /// <summary>Creates a test channel.</summary>
    /// <param name="capabilities">What the channel claims to show; everything when null.</param>
    /// <param name="id">The channel's name; <c>test</c> when null.</param>
    public TestChannel(ChannelCapabilities? capabilities = null, ChannelId? id = null)
    {
        Capabilities = capabilities ?? ChannelCapabilities.Full;
        Id = id ?? ChannelId.Test;
    }

    /// <inheritdoc />
    public ChannelId Id { get; }

    /// <inheritdoc />
    public ChannelCapabilities Capabilities { get; }

    /// <summary>Gets every delivery the channel accepted, in order.</summary>
    public IReadOnlyList<OutgoingDelivery> Sent => _sent.ToArray();

    /// <summary>Gets how many send attempts were made, accepted or not.</summary>
    public int Attempts => _attempts;

    private int _attempts;

    /// <summary>Gets or sets code that runs for every send before the script; for observing concurrency or adding latency.</summary>
    public Func<OutgoingDelivery, CancellationToken, ValueTask>? OnSend { get; set; }

    /// <summary>Makes the next sends return <paramref name="result"/> instead of succeeding.</summary>
    /// <param name="result">What the sends report.</param>
    /// <param name="times">How many sends.</param>
    public void FailNext(DeliveryResult result, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(_ => result);
        }
    }

    /// <summary>Makes the next send throw <paramref name="exception"/>, as a broken network would.</summary>
    /// <param name="exception">The exception.</param>
    public void ThrowNext(Exception exception) => _script.Enqueue(_ => throw exception);

    /// <summary>Returns the deliveries sent to one conversation.</summary>
    /// <param name="address">The conversation.</param>
    /// <returns>The deliveries, in order.</returns>
    public IReadOnlyList<OutgoingDelivery> SentTo(ConversationAddress address) => _sent.Where(d => d.Address == address).ToArray();

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        Interlocked.Increment(ref _attempts);
        if (OnSend is { } onSend)
        {
            await onSend(delivery, cancellationToken).ConfigureAwait(false);
        }

        if (_script.TryDequeue(out var scripted))
        {
            var result = scripted(delivery);
            if (result.Status != DeliveryStatus.Sent)
            {
                return result;
            }
        }

        _sent.Enqueue(delivery);
        return DeliveryResult.Sent(_sent.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
