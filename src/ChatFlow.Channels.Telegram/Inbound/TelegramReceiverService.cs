using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// Receives updates in the background. Long polling: deletes the webhook, then calls <c>getUpdates</c>
/// with offset = last update id + 1, dispatches each batch (conversations in parallel, each in order)
/// and only then moves the offset, so an update is confirmed to Telegram only after it was processed. Each update of a
/// batch is read on its own: one that Telegram.Bot's deserializer cannot read is logged and skipped, and the offset
/// moves past it, so it cannot hold up the others.
/// Webhook mode: registers the webhook at start when a URL is configured. In both modes it then asks Telegram for the
/// bot's username (<c>getMe</c>) until it is known, unless <see cref="TelegramOptions.BotUsername"/> is set.
/// As an <see cref="IChannelReceiver"/> it reports the loop for health checks: Running after a poll was
/// answered (in webhook mode: once the webhook is set), Degraded while calls fail, Failed when the loop died
/// of an exception, Stopped when it ended.
/// </summary>
internal sealed class TelegramReceiverService(TelegramChannel channel, Func<IChatDispatcher?> dispatcher, string? botName = null) : BackgroundService, IChannelReceiver
{
    private static readonly TimeSpan ConflictMinimumDelay = TimeSpan.FromSeconds(5);
    private readonly UpdateProcessor _processor = new(channel);
    private int _offset;
    private int _confirmedOffset;
    private int _idleWaits;
    private int _polls;
    private ReceiverStatus _status = new(ReceiverState.Starting);

    /// <summary>Gets the offset the next poll sends.</summary>
    public int Offset => Volatile.Read(ref _offset);

    /// <summary>Gets how many times the loop waited after an empty poll (the timer is set when this moves).</summary>
    public int IdleWaits => Volatile.Read(ref _idleWaits);

    /// <summary>Gets how many polls were made.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <inheritdoc />
    public ChannelId Channel => channel.Id;

    /// <inheritdoc />
    public string? BotName => botName;

    private TelegramOptions Options => channel.Options;

    /// <inheritdoc />
    public ReceiverStatus GetStatus() => Volatile.Read(ref _status);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        SetState(ReceiverState.Stopped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            switch (Options.Mode)
            {
                case TelegramReceiveMode.LongPolling:
                    await RetryUntilDoneAsync(ct => DeleteWebhookAsync(ct), stoppingToken).ConfigureAwait(false);
                    var learning = LearnBotUsernameAsync(stoppingToken);
                    await PollAsync(stoppingToken).ConfigureAwait(false);
                    await learning.ConfigureAwait(false);
                    SetState(ReceiverState.Stopped);
                    break;
                case TelegramReceiveMode.Webhook when Options.WebhookUrl is not null:
                    await RetryUntilDoneAsync(ct => channel.SetWebhookAsync(null, ct), stoppingToken).ConfigureAwait(false);
                    SetState(stoppingToken.IsCancellationRequested ? ReceiverState.Stopped : ReceiverState.Running);
                    await LearnBotUsernameAsync(stoppingToken).ConfigureAwait(false);
                    break;
                case TelegramReceiveMode.Webhook:
                    // A webhook set elsewhere: updates arrive through the webhook handler.
                    SetState(ReceiverState.Running);
                    await LearnBotUsernameAsync(stoppingToken).ConfigureAwait(false);
                    break;
                default:
                    SetState(ReceiverState.Running);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var now = channel.TimeProvider.GetUtcNow();
            Volatile.Write(ref _status, _status with { State = ReceiverState.Failed, LastError = ex.GetType().Name + ": " + ex.Message, LastErrorAt = now });
            throw;
        }
    }

    private void SetState(ReceiverState state) => Volatile.Write(ref _status, _status with { State = state });

    private void ReportSuccess() => Volatile.Write(ref _status, _status with { State = ReceiverState.Running, LastActivity = channel.TimeProvider.GetUtcNow() });

    private void ReportFailure(string error) => Volatile.Write(ref _status, _status with { State = ReceiverState.Degraded, LastError = error, LastErrorAt = channel.TimeProvider.GetUtcNow() });

    private async Task DeleteWebhookAsync(CancellationToken ct)
    {
        await channel.Client.DeleteWebhook(Options.DropPendingUpdates, ct).ConfigureAwait(false);
        TelegramLog.WebhookDeleted(channel.Logger);
    }

    /// <summary>
    /// Asks Telegram for the bot's username (<c>getMe</c>) until it is known, alongside receiving and without holding it
    /// up: a failed lookup is retried after the identity's backoff, and commands are handled meanwhile.
    /// </summary>
    private async Task LearnBotUsernameAsync(CancellationToken stoppingToken)
    {
        var identity = channel.Identity;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await identity.GetAsync(stoppingToken).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (!await DelayAsync(identity.RetryIn, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task RetryUntilDoneAsync(Func<CancellationToken, Task> action, CancellationToken stoppingToken)
    {
        for (var failures = 1; !stoppingToken.IsCancellationRequested; failures++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(Options.RequestTimeout);
                await action(timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ReportFailure(ex.Message);
                TelegramLog.WebhookSetupFailed(channel.Logger, ex.Message);
                if (!await DelayAsync(Backoff(failures, TimeSpan.Zero), stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        TelegramLog.PollingStarted(channel.Logger);
        var failures = 0;
        var timeoutSeconds = (int)Options.PollingTimeout.TotalSeconds;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Batch batch;
                var started = channel.TimeProvider.GetTimestamp();
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(Options.PollingTimeout + Options.RequestTimeout);
                    var offset = _offset;
                    Interlocked.Increment(ref _polls);
                    var result = await channel.Client.SendRequest(
                        new RawGetUpdatesRequest(offset == 0 ? null : offset, Options.PollingLimit, timeoutSeconds, Options.AllowedUpdates),
                        timeout.Token).ConfigureAwait(false);
                    batch = ReadBatch(result);
                    _confirmedOffset = offset;
                    failures = 0;
                    ReportSuccess();
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    failures++;
                    var conflict = ex is ApiRequestException { ErrorCode: 409 };

                    // A 429 on getUpdates says how long to wait; polling sooner would only extend the ban.
                    var told = ex is ApiRequestException { Parameters.RetryAfter: { } seconds } ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
                    var delay = Backoff(failures, conflict ? ConflictMinimumDelay : TimeSpan.Zero);
                    delay = delay < told ? told : delay;
                    ReportFailure(ex is OperationCanceledException ? "getUpdates timed out" : ex.Message);
                    if (conflict)
                    {
                        TelegramLog.PollingConflict(channel.Logger, delay, ex.Message);
                    }
                    else if (ex is ApiRequestException { ErrorCode: 401 or 404 } rejected)
                    {
                        TelegramLog.TokenRejected(channel.Logger, "getUpdates", rejected.ErrorCode, rejected.Message);
                    }
                    else
                    {
                        TelegramLog.PollingFailed(channel.Logger, ex is OperationCanceledException ? "timed out" : ex.Message, delay);
                    }

                    if (!await DelayAsync(delay, stoppingToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                if (batch.NextOffset is not { } nextOffset)
                {
                    // A proxy or server that ignores the long-poll timeout must not turn this into a busy loop.
                    var elapsed = channel.TimeProvider.GetElapsedTime(started);
                    if (elapsed < Options.MinimumPollInterval
                        && !await IdleAsync(Options.MinimumPollInterval - elapsed, stoppingToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                // The batch is processed to the end even when the host is stopping, so its offset can be confirmed.
                await ProcessBatchAsync(batch.Updates).ConfigureAwait(false);
                Volatile.Write(ref _offset, nextOffset);
            }
        }
        finally
        {
            await ConfirmOffsetAsync().ConfigureAwait(false);
            TelegramLog.PollingStopped(channel.Logger, _offset);
        }
    }

    /// <summary>
    /// Reads a <c>getUpdates</c> result one update at a time. An update the deserializer cannot read is logged (Warning,
    /// its JSON only at Trace) and skipped; the next offset still moves past it.
    /// </summary>
    /// <exception cref="JsonException">The result is not a list, or no element of it has an update_id.</exception>
    private Batch ReadBatch(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("getUpdates answered with a result that is not a list of updates");
        }

        var count = result.GetArrayLength();
        var updates = new List<Update>(count);
        int? last = null;
        var index = 0;
        foreach (var element in result.EnumerateArray())
        {
            var id = UpdateReader.IdOf(element);
            if (id is null)
            {
                TelegramLog.UpdateWithoutId(channel.Logger, index, count);
                TraceUnreadable(element);
            }
            else
            {
                last = Math.Max(last ?? int.MinValue, id.Value);
                if (UpdateReader.TryRead(element, out var update, out var error))
                {
                    updates.Add(update);
                }
                else
                {
                    TelegramLog.UpdateUnreadable(channel.Logger, id.Value, error);
                    TraceUnreadable(element);
                }
            }

            index++;
        }

        if (count > 0 && last is null)
        {
            // Nothing to move the offset past: polling again at once would get the same answer.
            throw new JsonException($"getUpdates answered {count} element(s) without an update_id");
        }

        return new Batch(updates, last + 1);
    }

    private void TraceUnreadable(JsonElement element)
    {
        if (channel.Logger.IsEnabled(LogLevel.Trace))
        {
            TelegramLog.UnreadableUpdateJson(channel.Logger, element.GetRawText());
        }
    }

    private async Task ProcessBatchAsync(List<Update> updates)
    {
        var target = dispatcher();
        var work = new List<Task>(updates.Count);
        foreach (var update in updates.OrderBy(u => u.Id))
        {
            try
            {
                var mapped = await _processor.PrepareAsync(update, target, CancellationToken.None).ConfigureAwait(false);
                if (mapped.CallbackQueryId is { } callback)
                {
                    work.Add(_processor.AnswerCallbackAsync(callback, CancellationToken.None));
                }

                if (mapped.Message is { } message && target is not null)
                {
                    work.Add(DispatchAsync(target, message, update.Id));
                }
            }
            catch (Exception ex)
            {
                TelegramLog.DispatchFailed(channel.Logger, ex, update.Id);
            }
        }

        await Task.WhenAll(work).ConfigureAwait(false);
    }

    private async Task DispatchAsync(IChatDispatcher target, IncomingMessage message, int updateId)
    {
        try
        {
            await target.DispatchAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            TelegramLog.DispatchFailed(channel.Logger, ex, updateId);
        }
    }

    /// <summary>Confirms processed updates that no poll has confirmed yet, so a restart does not get them again.</summary>
    private async Task ConfirmOffsetAsync()
    {
        var offset = _offset;
        if (offset == 0 || offset == _confirmedOffset)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(Options.RequestTimeout);
            // The answer is not read: an update in it that the deserializer cannot read must not fail the confirmation.
            await channel.Client.SendRequest(new RawGetUpdatesRequest(offset, 1, 0, Options.AllowedUpdates), timeout.Token).ConfigureAwait(false);
            _confirmedOffset = offset;
        }
        catch (Exception ex)
        {
            TelegramLog.PollingFailed(channel.Logger, "confirming the last offset: " + ex.Message, TimeSpan.Zero);
        }
    }

    private async Task<bool> IdleAsync(TimeSpan delay, CancellationToken ct)
    {
        var wait = Task.Delay(delay, channel.TimeProvider, ct);
        Interlocked.Increment(ref _idleWaits);
        try
        {
            await wait.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, channel.TimeProvider, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Exponential backoff with ±20 % jitter, capped by <see cref="TelegramOptions.PollingMaxRetryDelay"/>.</summary>
    private TimeSpan Backoff(int failures, TimeSpan minimum)
    {
        var baseMs = Math.Max(Options.PollingRetryDelay.TotalMilliseconds, minimum.TotalMilliseconds);
        var ms = Math.Min(baseMs * Math.Pow(2, Math.Min(failures - 1, 20)), Options.PollingMaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(ms * (0.8 + (Random.Shared.NextDouble() * 0.4)));
#pragma warning restore CA5394
    }

    /// <summary>The updates of one poll that could be read, and the offset after all of them (null when the poll was empty).</summary>
    private readonly record struct Batch(List<Update> Updates, int? NextOffset);
}
