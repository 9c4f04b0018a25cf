using System.Globalization;
using System.Text.Json;
using ChatFlow.Channels.Vk.Api;
using Microsoft.Extensions.Hosting;

namespace ChatFlow.Channels.Vk.Inbound;

/// <summary>
/// Bots Long Poll: gets a server with <c>groups.getLongPollServer</c>, polls it with <c>wait=25</c> and
/// hands every update to the bot. <c>failed</c> 1 continues with the returned <c>ts</c>, 2 gets a new
/// key, 3 a new key and <c>ts</c>; network and API errors back off (1 s doubling up to a limit). Stops
/// cleanly with the host. As an <see cref="IChannelReceiver"/> it reports the loop for health checks: Running
/// after a poll was answered (always Running in Callback API mode, where updates come by webhook), Degraded
/// while polls fail, Failed when the loop died of an exception, Stopped when it ended.
/// </summary>
internal sealed class VkLongPollService(VkChannel channel, VkUpdateProcessor processor, string? botName = null) : BackgroundService, IChannelReceiver
{
    private ReceiverStatus _status = new(ReceiverState.Starting);

    /// <inheritdoc />
    public ChannelId Channel => channel.Id;

    /// <inheritdoc />
    public string? BotName => botName;

    /// <inheritdoc />
    public ReceiverStatus GetStatus() => Volatile.Read(ref _status);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Update(s => s with { State = ReceiverState.Stopped });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PollAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var now = channel.Api.Time.GetUtcNow();
            Update(s => s with { State = ReceiverState.Failed, LastError = ex.GetType().Name + ": " + ex.Message, LastErrorAt = now });
            throw;
        }
    }

    private void Update(Func<ReceiverStatus, ReceiverStatus> change) => Volatile.Write(ref _status, change(Volatile.Read(ref _status)));

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var options = channel.Options;
        var logger = processor.Logger;
        if (options.Mode != VkReceiveMode.LongPoll)
        {
            Log.LongPollOff(logger, options.Mode);
            Update(s => s with { State = ReceiverState.Running });
            return;
        }

        Log.LongPollStarted(logger, options.GroupId);
        var api = channel.Api;
        var groupId = options.GroupId.ToString(CultureInfo.InvariantCulture);
        var wait = options.LongPollWaitSeconds;
        VkLongPollServer? server = null;
        string? ts = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (server is null)
                {
                    server = await api.CallAsync("groups.getLongPollServer", [new("group_id", groupId)], VkJsonContext.Default.VkLongPollServer, stoppingToken).ConfigureAwait(false);
                    if (string.IsNullOrEmpty(server.Server) || string.IsNullOrEmpty(server.Key) || (ts is null && string.IsNullOrEmpty(server.Ts)))
                    {
                        server = null;
                        throw new VkApiException("groups.getLongPollServer gave no server, key or ts");
                    }

                    ts ??= server.Ts;
                }

                var url = PollUrl(server, ts!, wait);
                var body = await api.GetAsync(url, TimeSpan.FromSeconds(wait + 15), "Long Poll", stoppingToken).ConfigureAwait(false);
                var response = Parse(body);
                failures = 0;
                var answeredAt = api.Time.GetUtcNow();
                Update(s => s with { State = ReceiverState.Running, LastActivity = answeredAt });
                switch (response.Failed)
                {
                    case null:
                        break;
                    case 1:
                        ts = response.Ts ?? ts;
                        Log.LongPollReset(logger, 1, "continuing with the new ts; some events may have been lost");
                        continue;
                    case 2:
                        server = null;
                        Log.LongPollReset(logger, 2, "getting a new key");
                        continue;
                    default:
                        server = null;
                        ts = null;
                        Log.LongPollReset(logger, response.Failed.Value, "getting a new key and ts");
                        continue;
                }

                var accepted = true;
                foreach (var update in response.Updates ?? [])
                {
                    if (!await processor.ProcessAsync(update, stoppingToken).ConfigureAwait(false))
                    {
                        accepted = false;
                        break;
                    }
                }

                if (!accepted)
                {
                    throw new VkApiException("The bot did not accept an update; polling the same updates again");
                }

                ts = response.Ts ?? ts;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                if (ex is VkApiException { ErrorCode: not 0 })
                {
                    server = null;
                }

                var delay = Backoff(failures, options.LongPollMaxBackoff);
                var failedAt = api.Time.GetUtcNow();
                Update(s => s with { State = ReceiverState.Degraded, LastError = ex.Message, LastErrorAt = failedAt });
                Log.LongPollFailed(logger, ex, failures, delay);
                try
                {
                    await Task.Delay(delay, api.Time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Update(s => s with { State = ReceiverState.Stopped });
        Log.LongPollStopped(logger);
    }

    private static TimeSpan Backoff(int failures, TimeSpan max)
    {
        var seconds = Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromSeconds(Math.Min(seconds, max.TotalSeconds));
    }

    private static Uri PollUrl(VkLongPollServer server, string ts, int wait)
    {
        var address = server.Server!.Contains("://", StringComparison.Ordinal) ? server.Server : "https://" + server.Server;
        return new Uri(string.Create(
            CultureInfo.InvariantCulture,
            $"{address}?act=a_check&key={Uri.EscapeDataString(server.Key!)}&ts={Uri.EscapeDataString(ts)}&wait={wait}"));
    }

    private static VkLongPollResponse Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, VkJsonContext.Default.VkLongPollResponse) ?? throw new VkApiException("Long Poll answered nothing");
        }
        catch (JsonException ex)
        {
            throw new VkApiException("Long Poll answered with malformed JSON", ex);
        }
    }
}
