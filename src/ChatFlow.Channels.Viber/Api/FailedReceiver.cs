using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>One receiver a broadcast did not reach.</summary>
internal sealed class FailedReceiver
{
    [JsonPropertyName("receiver")]
    public string? Receiver { get; init; }

    [JsonPropertyName("status")]
    public int Status { get; init; }

    [JsonPropertyName("status_message")]
    public string? StatusMessage { get; init; }
}
