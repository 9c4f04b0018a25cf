using ChatFlow.AspNetCore;
using ChatFlow.Channels.WebChat.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Hosting;

/// <summary>Maps the web chat's endpoints under <see cref="WebChatOptions.BasePath"/>.</summary>
internal sealed class WebChatEndpoints(WebChatApi api, IOptions<WebChatOptions> options) : IChatFlowEndpoints
{
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
