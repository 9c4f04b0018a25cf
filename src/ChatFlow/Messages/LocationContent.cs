namespace ChatFlow;

/// <summary>A shared location.</summary>
/// <param name="Latitude">Latitude in degrees.</param>
/// <param name="Longitude">Longitude in degrees.</param>
public sealed record LocationContent(double Latitude, double Longitude) : MessageContent
{
    /// <summary>Gets the radius of uncertainty in meters, when given.</summary>
    public double? AccuracyMeters { get; init; }

    /// <summary>Gets the place's title or address, when the channel gives one.</summary>
    public string? Address { get; init; }

    /// <inheritdoc />
    public override string ToString() => "location";
}
