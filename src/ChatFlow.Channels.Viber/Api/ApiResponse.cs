using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>What every Viber API call answers (HTTP 200 even for errors; <see cref="Status"/> 0 means success).</summary>
internal sealed class ApiResponse
{
    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("status_message")]
    public string? StatusMessage { get; init; }

    [JsonPropertyName("message_token")]
    public long? MessageToken { get; init; }

    [JsonPropertyName("chat_hostname")]
    public string? ChatHostname { get; init; }

    [JsonPropertyName("failed_list")]
    public IReadOnlyList<FailedReceiver>? FailedList { get; init; }

    [JsonPropertyName("event_types")]
    public IReadOnlyList<string>? EventTypes { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("uri")]
    public string? Uri { get; init; }
}
