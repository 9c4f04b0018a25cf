using ChatFlow;
using ChatFlow.AspNetCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ChatFlow health check.</summary>
public static class ChatFlowHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check that reports each registered <see cref="IChannelReceiver"/> (a long-polling loop,
    /// a webhook registration) and the conversation store. A receiver that is
    /// <see cref="ReceiverState.Running"/> is healthy; <see cref="ReceiverState.Starting"/> and
    /// <see cref="ReceiverState.Degraded"/> are degraded; <see cref="ReceiverState.Failed"/>, and
    /// <see cref="ReceiverState.Stopped"/> while the host is not stopping, are unhealthy, as is a store that cannot
    /// load a probe conversation. The result's data holds each receiver's state, last activity and last error.
    /// With several bots in one host (<c>services.AddChatFlow("support")</c>) the receivers of every bot are reported,
    /// a named bot's as <c>{bot}/{channel}</c>, and every named bot's own store as <c>{bot}/store</c>.
    /// </summary>
    /// <param name="builder">The health checks builder from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when unhealthy; null for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddChatFlow(this IHealthChecksBuilder builder, string name = "chatflow", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new ChatFlowHealthCheck(
                sp.GetServices<IChannelReceiver>(),
                sp.GetService<IConversationStore>(),
                sp.GetService<IHostApplicationLifetime>(),
                sp.GetKeyedServices<ChatBot>(KeyedService.AnyKey)),
            failureStatus,
            tags));
    }
}
