using ChatFlow;
using ChatFlow.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps a ChatFlow bot's HTTP endpoints.</summary>
public static class ChatFlowEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {webhookPrefix}/{channel}</c> for every registered <see cref="IWebhookHandler"/>
    /// (<c>/webhooks/telegram</c>, <c>/webhooks/vk</c>, <c>/webhooks/viber</c>), then the endpoints of every
    /// registered <see cref="IChatFlowEndpoints"/> (the website chat, for example).
    /// </summary>
    /// <remarks>
    /// A webhook's raw body is read once and passed intact (signatures are checked over the exact bytes);
    /// bodies over <see cref="ChatFlowWebhookOptions.MaxBodyBytes"/> get 413 without being parsed; the handler's
    /// <see cref="WebhookResponse"/> is written back as is; an unknown channel gets 404; once the host is
    /// stopping, webhooks get 503 so the platform delivers the update again later.
    /// </remarks>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="webhookPrefix">The path the webhook routes start with.</param>
    /// <returns>The webhook route, to add conventions to (host filters, rate limiting).</returns>
    public static IEndpointConventionBuilder MapChatFlow(this IEndpointRouteBuilder endpoints, string webhookPrefix = "/webhooks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(webhookPrefix);
        var services = endpoints.ServiceProvider;
        var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("ChatFlow.AspNetCore");
        var webhooks = new WebhookEndpoint(
            services.GetServices<IWebhookHandler>(),
            services.GetService<IOptions<ChatFlowWebhookOptions>>() ?? Microsoft.Extensions.Options.Options.Create(new ChatFlowWebhookOptions()),
            services.GetService<IHostApplicationLifetime>(),
            logger);
        var prefix = "/" + webhookPrefix.Trim('/');
        foreach (var channel in webhooks.Channels)
        {
            AspNetCoreLog.WebhookMapped(logger, channel, prefix.TrimEnd('/') + "/" + channel);
        }

        var route = endpoints.MapPost(
            prefix.TrimEnd('/') + "/{channel}",
            (HttpContext context, string channel) => webhooks.HandleAsync(context, channel));
        route.WithDisplayName("ChatFlow webhook");
        foreach (var contribution in services.GetServices<IChatFlowEndpoints>())
        {
            contribution.Map(endpoints);
        }

        return route;
    }
}
