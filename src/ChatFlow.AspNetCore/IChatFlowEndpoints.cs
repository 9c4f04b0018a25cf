using Microsoft.AspNetCore.Routing;

namespace ChatFlow.AspNetCore;

/// <summary>
/// Endpoints a package contributes to the host (the website chat's API and widget files, for example).
/// Register implementations in the service collection; <c>MapChatFlow()</c> maps every registered one.
/// </summary>
public interface IChatFlowEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="endpoints">Where to map them.</param>
    void Map(IEndpointRouteBuilder endpoints);
}
