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
    /// registered <see cref="IChatFlowEndpoints"/> (the website chat, for example). The webhooks of a named bot
    /// (<c>services.AddChatFlow("support")</c>, see <see cref="IWebhookHandler.BotName"/>) are mapped at
    /// <c>POST {webhookPrefix}/{bot}/{channel}</c> (<c>/webhooks/support/telegram</c>).
    /// </summary>
    /// <remarks>
    /// A webhook's raw body is read once and passed intact (signatures are checked over the exact bytes);
    /// bodies over <see cref="ChatFlowWebhookOptions.MaxBodyBytes"/> get 413 without being parsed; the handler's
    /// <see cref="WebhookResponse"/> is written back as is; an unknown channel gets 404; once the host is
    /// stopping, webhooks get 503 so the platform delivers the update again later.
    /// </remarks>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="webhookPrefix">The path the webhook routes start with.</param>
    /// <returns>The webhook routes, to add conventions to (host filters, rate limiting).</returns>
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
        IEndpointConventionBuilder result = route;
        if (webhooks.HasNamedBots)
        {
            var named = endpoints.MapPost(
                prefix.TrimEnd('/') + "/{bot}/{channel}",
                (HttpContext context, string bot, string channel) => webhooks.HandleAsync(context, bot, channel));
            named.WithDisplayName("ChatFlow webhook of a named bot");
            result = new CompositeConventionBuilder(route, named);
        }

        foreach (var contribution in services.GetServices<IChatFlowEndpoints>())
        {
            contribution.Map(endpoints);
        }

        return result;
    }

    /// <summary>Applies conventions to both webhook routes.</summary>
    private sealed class CompositeConventionBuilder(IEndpointConventionBuilder first, IEndpointConventionBuilder second) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            first.Add(convention);
            second.Add(convention);
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            first.Finally(finallyConvention);
            second.Finally(finallyConvention);
        }
    }
}
