using ChatFlow.Channels.WebChat.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the website chat without <c>MapChatFlow()</c>.</summary>
public static class WebChatEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the web chat under its base path (<c>/webchat</c> by default): the demo page <c>{base}/</c>,
    /// <c>{base}/widget.js</c>, <c>{base}/widget.css</c> and the API under <c>{base}/api</c>.
    /// Use it or <c>MapChatFlow()</c>, not both.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <returns>The group of endpoints, for conventions such as CORS or authorization.</returns>
    public static IEndpointConventionBuilder MapWebChat(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var mapper = endpoints.ServiceProvider.GetService<WebChatEndpoints>()
            ?? throw new InvalidOperationException("Call services.AddChatFlow().AddWebChat(...) before MapWebChat().");
        return mapper.MapGroup(endpoints);
    }
}
