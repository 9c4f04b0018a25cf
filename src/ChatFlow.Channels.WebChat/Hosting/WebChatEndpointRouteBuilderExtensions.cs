using ChatFlow.Channels.WebChat.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the website chat without <c>MapChatFlow()</c>.</summary>
public static class WebChatEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a bot's web chat under its base path (<c>/webchat</c> by default, <c>/webchat/{bot}</c> for a named bot):
    /// the demo page <c>{base}/</c>, <c>{base}/widget.js</c>, <c>{base}/widget.css</c> and the API under <c>{base}/api</c>.
    /// Use it or <c>MapChatFlow()</c>, not both.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="botName">The bot whose web chat to map, as passed to <c>services.AddChatFlow(name)</c>; null for the default bot.</param>
    /// <returns>The group of endpoints, for conventions such as CORS or authorization.</returns>
    public static IEndpointConventionBuilder MapWebChat(this IEndpointRouteBuilder endpoints, string? botName = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var mapper = endpoints.ServiceProvider.GetKeyedService<WebChatEndpoints>(botName)
            ?? throw new InvalidOperationException(botName is null
                ? "Call services.AddChatFlow().AddWebChat(...) before MapWebChat()."
                : $"Call services.AddChatFlow(\"{botName}\").AddWebChat(...) before MapWebChat(\"{botName}\").");
        return mapper.MapGroup(endpoints);
    }
}
