using ChatFlow;

namespace ChatFlow.Benchmarks;

/// <summary>A channel that accepts every reply at once, so the benchmark measures ChatFlow alone.</summary>
internal sealed class NoopChannel : IChatChannel
{
    private static readonly ValueTask<DeliveryResult> Sent = ValueTask.FromResult(DeliveryResult.Sent());

    public ChannelId Id => ChannelId.Test;

    public ChannelCapabilities Capabilities => ChannelCapabilities.Full;

    public ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken) => Sent;
}
