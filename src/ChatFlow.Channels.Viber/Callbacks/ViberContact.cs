using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>A contact shared in a Viber message, for example with a <c>share-phone</c> button.</summary>
public sealed class ViberContact
{
    /// <summary>Gets the contact's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Gets the contact's phone number.</summary>
    [JsonPropertyName("phone_number")]
    public string? PhoneNumber { get; init; }

    /// <summary>Gets the URL of the contact's avatar.</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; init; }
}
