using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>The body of <c>set_webhook</c>.</summary>
internal sealed class SetWebhookRequest
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("event_types")]
    public required IReadOnlyList<string> EventTypes { get; init; }

    [JsonPropertyName("send_name")]
    public bool SendName { get; init; }

    [JsonPropertyName("send_photo")]
    public bool SendPhoto { get; init; }
}
