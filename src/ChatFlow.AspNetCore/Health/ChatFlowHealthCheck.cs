using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ChatFlow.AspNetCore;

/// <summary>
/// Reports every <see cref="IChannelReceiver"/> (Running is healthy; Starting and Degraded are degraded; Failed,
/// and Stopped while the host runs, are unhealthy) and the conversation store (loading a probe address must work).
/// Receivers of a named bot are reported as <c>{bot}/{channel}</c>; its keyed store as <c>{bot}/store</c>.
/// </summary>
internal sealed class ChatFlowHealthCheck(
    IEnumerable<IChannelReceiver> receivers,
    IConversationStore? store,
    IHostApplicationLifetime? lifetime,
    IEnumerable<ChatBot>? namedBots = null) : IHealthCheck
{
    internal static readonly ConversationAddress Probe = new(new ChannelId("health"), "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        var worst = HealthStatus.Healthy;
        var stopping = lifetime?.ApplicationStopping.IsCancellationRequested == true;
        foreach (var receiver in receivers)
        {
            var status = receiver.GetStatus();
            var name = receiver.BotName is { } bot ? bot + "/" + receiver.Channel.Value : receiver.Channel.Value;
            var key = name;
            for (var n = 2; data.ContainsKey(key + ".state"); n++)
            {
                key = name + "#" + n.ToString(CultureInfo.InvariantCulture);
            }

            data[key + ".state"] = status.State.ToString();
            if (status.LastActivity is { } activity)
            {
                data[key + ".lastActivity"] = activity.ToString("O", CultureInfo.InvariantCulture);
            }

            if (status.LastError is { } error)
            {
                data[key + ".lastError"] = error;
            }

            if (status.LastErrorAt is { } errorAt)
            {
                data[key + ".lastErrorAt"] = errorAt.ToString("O", CultureInfo.InvariantCulture);
            }

            var health = status.State switch
            {
                ReceiverState.Running => HealthStatus.Healthy,
                ReceiverState.Starting or ReceiverState.Degraded => HealthStatus.Degraded,
                ReceiverState.Stopped when stopping => HealthStatus.Healthy,
                _ => HealthStatus.Unhealthy,
            };
            if (health != HealthStatus.Healthy)
            {
                problems.Add(status.LastError is null ? $"{key}: {status.State}" : $"{key}: {status.State} ({status.LastError})");
            }

            worst = health < worst ? health : worst;
        }

        var stores = new List<(string Key, IConversationStore Store)>();
        if (store is not null)
        {
            stores.Add(("store", store));
        }

        foreach (var bot in (namedBots ?? []).Where(b => b.Name is not null).OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            stores.Add((bot.Name + "/store", bot.Store));
        }

        foreach (var (key, each) in stores)
        {
            try
            {
                await each.LoadAsync(Probe, cancellationToken).ConfigureAwait(false);
                data[key] = "ok";
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                data[key] = ex.Message;
                problems.Add(key + ": " + ex.Message);
                worst = HealthStatus.Unhealthy;
            }
        }

        var description = problems.Count == 0 ? "ChatFlow: all receivers running, store reachable" : "ChatFlow: " + string.Join("; ", problems);
        return worst switch
        {
            HealthStatus.Healthy => HealthCheckResult.Healthy(description, data),
            HealthStatus.Degraded => HealthCheckResult.Degraded(description, data: data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, description, data: data),
        };
    }
}
