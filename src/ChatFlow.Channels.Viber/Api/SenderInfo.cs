using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>The bot's name and avatar shown with a message.</summary>
internal sealed class SenderInfo
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("avatar")]
    public string? Avatar { get; init; }
}
