using System.Text.Json;
using System.Text.Json.Serialization;
using ChatFlow.Channels.WebChat.Conversations;

namespace ChatFlow.Channels.WebChat.Api;

/// <summary>What a visitor posts: text (also a reply button's label) or a callback button's payload.</summary>
internal sealed record SendRequest(string? ClientId, string? Text, string? Payload, string? Label);

/// <summary>A new visitor's token.</summary>
internal sealed record VisitorResponse(string Token);

/// <summary>The answer to an accepted message.</summary>
internal sealed record SendResponse(long Id, string Status);

/// <summary>A refused request: a stable code, a sentence for people and details for the widget.</summary>
internal sealed record ErrorResponse(string Error, string Message)
{
    public int? MaxLength { get; init; }

    public int? RetryAfterSeconds { get; init; }
}

/// <summary>The session check and the event stream's ready event.</summary>
internal sealed record SessionResponse(long LastId, int MaxLength, string Title);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendRequest))]
[JsonSerializable(typeof(VisitorResponse))]
[JsonSerializable(typeof(SendResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(WebChatEntry))]
internal sealed partial class WebChatJson : JsonSerializerContext;
