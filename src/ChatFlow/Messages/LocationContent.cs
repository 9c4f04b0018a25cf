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

    /// <summary>
    /// Returns whether a point is on the globe: latitude within ±90°, longitude within ±180°, both finite. Channels drop
    /// locations that are not, so a scenario never sees one.
    /// </summary>
    /// <param name="latitude">Latitude in degrees.</param>
    /// <param name="longitude">Longitude in degrees.</param>
    /// <returns>True for a real point.</returns>
    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && Math.Abs(latitude) <= 90 && Math.Abs(longitude) <= 180;

    /// <inheritdoc />
    public override string ToString() => "location";
}
