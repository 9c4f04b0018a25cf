namespace ChatFlow;

/// <summary>
/// An HTTP request a messenger sent to a webhook, as the host received it: headers and the exact
/// raw body bytes (signatures are computed over them). Host-agnostic: ASP.NET Core, HttpListener
/// or a test can make one.
/// </summary>
public sealed class WebhookRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="headers">The request headers; looked up case-insensitively.</param>
    /// <param name="body">The raw body bytes, untouched.</param>
    public WebhookRequest(IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = map.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }

        Headers = map;
        Body = body;
    }

    /// <summary>Gets the headers, by case-insensitive name; repeated headers are joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the raw body bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets a header's value, or null.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or null.</returns>
    public string? GetHeader(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
