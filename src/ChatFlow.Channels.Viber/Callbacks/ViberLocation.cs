using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>A location shared in a Viber message, for example with a <c>location-picker</c> button.</summary>
public sealed class ViberLocation
{
    /// <summary>Gets the latitude in degrees.</summary>
    [JsonPropertyName("lat")]
    public double Latitude { get; init; }

    /// <summary>Gets the longitude in degrees.</summary>
    [JsonPropertyName("lon")]
    public double Longitude { get; init; }
}
