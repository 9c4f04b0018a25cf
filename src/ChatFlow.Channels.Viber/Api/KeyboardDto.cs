using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>A Viber keyboard (Viber spells its fields in PascalCase).</summary>
internal sealed class KeyboardDto
{
    [JsonPropertyName("Type")]
    public string Type { get; init; } = "keyboard";

    [JsonPropertyName("DefaultHeight")]
    public bool DefaultHeight { get; init; }

    [JsonPropertyName("BgColor")]
    public string? BgColor { get; init; }

    [JsonPropertyName("InputFieldState")]
    public string? InputFieldState { get; init; }

    [JsonPropertyName("Buttons")]
    public required IReadOnlyList<ButtonDto> Buttons { get; init; }
}
