using System.Text;
using System.Text.Json.Nodes;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>A request the fake Viber API received.</summary>
internal sealed record RecordedRequest(string HttpMethod, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Gets the API method (<c>send_message</c>), or the path for other requests.</summary>
    public string ApiMethod => Path.StartsWith("/pa/", StringComparison.Ordinal) ? Path[4..] : Path;

    /// <summary>Gets the answer the fake gave, once it chose one.</summary>
    public FakeReply? Answer { get; internal set; }

    public string Text => Encoding.UTF8.GetString(Body);

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("empty body");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
