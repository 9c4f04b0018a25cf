using ChatFlow.AspNetCore;
using ChatFlow.Channels.WebChat.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Hosting;

/// <summary>Maps one bot's web chat endpoints under its <see cref="WebChatOptions.BasePath"/>; the bot's name is null for the default bot.</summary>
internal sealed class WebChatEndpoints(WebChatApi api, IOptions<WebChatOptions> options, string? botName = null) : IChatFlowEndpoints
{
    /// <summary>Gets the name of the bot whose web chat this is; null for the default bot.</summary>
    public string? BotName => botName;

    public void Map(IEndpointRouteBuilder endpoints) => MapGroup(endpoints);

    public RouteGroupBuilder MapGroup(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(options.Value.BasePath);
        group.MapGet("/", context => WebChatApi.ServeResourceAsync(context, "demo.html", "text/html; charset=utf-8"));
        group.MapGet("/widget.js", context => WebChatApi.ServeResourceAsync(context, "widget.js", "text/javascript; charset=utf-8"));
        group.MapGet("/widget.css", context => WebChatApi.ServeResourceAsync(context, "widget.css", "text/css; charset=utf-8"));
        group.MapPost("/api/visitors", api.IssueVisitorAsync);
        group.MapGet("/api/session", api.SessionAsync);
        group.MapPost("/api/messages", api.SendAsync);
        group.MapGet("/api/events", api.EventsAsync);
        return group;
    }
}
