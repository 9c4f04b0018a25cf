using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>One button of a Viber keyboard; a row is six columns wide.</summary>
internal sealed class ButtonDto
{
    [JsonPropertyName("Columns")]
    public int Columns { get; init; }

    [JsonPropertyName("Rows")]
    public int Rows { get; init; } = 1;

    [JsonPropertyName("ActionType")]
    public required string ActionType { get; init; }

    [JsonPropertyName("ActionBody")]
    public required string ActionBody { get; init; }

    [JsonPropertyName("Text")]
    public string? Text { get; init; }

    [JsonPropertyName("TextSize")]
    public string? TextSize { get; init; }

    [JsonPropertyName("BgColor")]
    public string? BgColor { get; init; }

    [JsonPropertyName("Silent")]
    public bool? Silent { get; init; }
}
