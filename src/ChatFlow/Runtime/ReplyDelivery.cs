using Microsoft.Extensions.Logging;

namespace ChatFlow;

/// <summary>
/// Sends a saved conversation's due replies in order through its channel, fitted to the channel's
/// capabilities, and saves what happened: sent parts, retry times with backoff (or the platform's
/// <c>retry_after</c>), an unreachable user, replies rejected for good.
/// </summary>
internal sealed class ReplyDelivery(IConversationStore store, TimeProvider timeProvider, ILogger logger, ChatBotOptions options, string? bot = null)
{
    /// <summary>Sends a saved conversation's due replies in order and saves what was sent.</summary>
    public async ValueTask DeliverAsync(ConversationState saved, IChatChannel? channel, CancellationToken ct)
    {
        if (!saved.HasOutbox || saved.Unreachable)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        if (saved.Outbox[0].NotBefore > now)
        {
            return;
        }

        var address = saved.Address;
        var work = saved.CloneForDelivery();
        if (channel is null)
        {
            Log.NoChannel(logger, address.Channel, address, work.Outbox.Count);
            work.Outbox.Clear();
            await SaveDeliveryAsync(work, saved.Version, ct).ConfigureAwait(false);
            return;
        }

        var caps = channel.Capabilities;
        while (work.Outbox.Count > 0)
        {
            var reply = work.Outbox[0];
            if (reply.NotBefore > now)
            {
                break;
            }

            var outcome = ReplyRenderer.Fits(reply.Message, caps)
                ? await SendPartAsync(channel, address, reply, reply.Message, 0, work.CreatedAt, ct).ConfigureAwait(false)
                : await SendPartsAsync(channel, address, reply, ReplyRenderer.Render(reply.Message, caps, work), work.CreatedAt, ct).ConfigureAwait(false);
            if (outcome.Status == DeliveryStatus.Sent)
            {
                work.Outbox.RemoveAt(0);
                continue;
            }

            ChatFlowTelemetry.DeliveryFailures.Add(1, ChatFlowTelemetry.Tags(address, bot));
            if (outcome.Status == DeliveryStatus.Unreachable)
            {
                Log.Unreachable(logger, address, outcome.Error);
                work.Unreachable = true;
                work.Outbox.Clear();
                break;
            }

            if (outcome.Status == DeliveryStatus.Failed)
            {
                Log.DeliveryRejected(logger, address, reply.Sequence, outcome.Error);
                work.Outbox.RemoveAt(0);
                continue;
            }

            reply.Attempts++;
            if (reply.Attempts >= options.MaxDeliveryAttempts)
            {
                Log.DeliveryDropped(logger, address, reply.Sequence, reply.Attempts, outcome.Error);
                work.Outbox.RemoveAt(0);
                continue;
            }

            var delay = outcome.RetryAfter ?? Backoff(reply.Attempts);
            reply.NotBefore = now + delay;
            Log.DeliveryRetry(logger, address, reply.Sequence, reply.Attempts, outcome.Error, delay);
            break;
        }

        await SaveDeliveryAsync(work, saved.Version, ct).ConfigureAwait(false);
    }

    private async ValueTask<DeliveryResult> SendPartsAsync(IChatChannel channel, ConversationAddress address, PendingReply reply, IReadOnlyList<OutgoingMessage> parts, DateTimeOffset created, CancellationToken ct)
    {
        var outcome = DeliveryResult.Sent();
        for (var i = reply.PartsSent; i < parts.Count && outcome.Status == DeliveryStatus.Sent; i++)
        {
            outcome = await SendPartAsync(channel, address, reply, parts[i], i, created, ct).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>Sends one part of a reply; counts it as sent on success. An exception is a transient failure.</summary>
    private async ValueTask<DeliveryResult> SendPartAsync(IChatChannel channel, ConversationAddress address, PendingReply reply, OutgoingMessage part, int index, DateTimeOffset created, CancellationToken ct)
    {
        if (index < reply.PartsSent)
        {
            return DeliveryResult.Sent();
        }

        // The idempotency key: the conversation, its creation time (a conversation that starts over numbers
        // its replies from 1 again), the reply's number and the part's.
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{address.Channel.Value}:{address.ChatId}/{created.UtcTicks}/{reply.Sequence}/{index}");
        DeliveryResult outcome;
        try
        {
            outcome = await channel.SendAsync(new OutgoingDelivery(address, part, key) { Attempt = reply.Attempts }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome = DeliveryResult.RetryLater(ex.GetType().Name + ": " + ex.Message);
        }

        if (outcome.Status == DeliveryStatus.Sent)
        {
            reply.PartsSent++;
            ChatFlowTelemetry.Sent.Add(1, ChatFlowTelemetry.Tags(address, bot));
        }

        return outcome;
    }

    private async ValueTask SaveDeliveryAsync(ConversationState work, long expectedVersion, CancellationToken ct)
    {
        if (!await store.TrySaveAsync(work, expectedVersion, ct).ConfigureAwait(false))
        {
            // Another writer changed the conversation meanwhile; it still holds these replies and
            // sends them again (at least once). Channels with idempotency keys drop the repeat.
            Log.SaveConflict(logger, work.Address, 1);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseDelay = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(baseDelay, options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
