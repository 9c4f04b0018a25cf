namespace ChatFlow;

/// <summary>What to answer a messenger's webhook request with.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The response body, or null for none.</param>
/// <param name="ContentType">The body's media type.</param>
public sealed record WebhookResponse(int StatusCode, string? Body = null, string ContentType = "text/plain; charset=utf-8")
{
    /// <summary>An empty 200 OK.</summary>
    public static WebhookResponse Ok { get; } = new(200);

    /// <summary>A plain-text response.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="text">The body.</param>
    /// <returns>The response.</returns>
    public static WebhookResponse Text(int statusCode, string text) => new(statusCode, text);

    /// <summary>A JSON response.</summary>
    /// <param name="json">The JSON body.</param>
    /// <returns>The response.</returns>
    public static WebhookResponse Json(string json) => new(200, json, "application/json; charset=utf-8");
}
