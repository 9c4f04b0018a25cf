using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>A Viber user as a callback describes them. The name and avatar are placeholders unless the user allows content personalization.</summary>
public sealed class ViberUser
{
    /// <summary>Gets the user's id, unique per user and bot.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Gets the user's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Gets the URL of the user's avatar.</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; init; }

    /// <summary>Gets the language of the user's device (for example <c>uk</c>).</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    /// <summary>Gets the user's two-letter country code.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>Gets the highest API version the user's client supports.</summary>
    [JsonPropertyName("api_version")]
    public int? ApiVersion { get; init; }
}
