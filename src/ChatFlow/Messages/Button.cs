namespace ChatFlow;

/// <summary>A button shown under a message or in place of the keyboard.</summary>
/// <param name="Label">The text on the button.</param>
/// <param name="Kind">What the button does.</param>
/// <param name="Payload">For <see cref="ButtonKind.Callback"/> and <see cref="ButtonKind.Reply"/>: the value the bot receives; defaults to the label.</param>
/// <param name="Url">For <see cref="ButtonKind.Url"/>: the address to open.</param>
public sealed record Button(string Label, ButtonKind Kind = ButtonKind.Reply, string? Payload = null, string? Url = null)
{
    /// <summary>Gets the value the bot receives when the button is pressed: the payload, or else the label.</summary>
    public string EffectivePayload => Payload ?? Label;

    /// <summary>Creates a reply button that sends its label as text.</summary>
    /// <param name="label">The text on the button.</param>
    /// <returns>The button.</returns>
    public static Button Reply(string label) => new(label);

    /// <summary>Creates a callback button that sends <paramref name="payload"/> (or its label) back to the bot.</summary>
    /// <param name="label">The text on the button.</param>
    /// <param name="payload">The value the bot receives; the label when omitted.</param>
    /// <returns>The button.</returns>
    public static Button Callback(string label, string? payload = null) => new(label, ButtonKind.Callback, payload);

    /// <summary>Creates a button that opens a URL.</summary>
    /// <param name="label">The text on the button.</param>
    /// <param name="url">The absolute URL to open.</param>
    /// <returns>The button.</returns>
    public static Button Link(string label, string url) => new(label, ButtonKind.Url, Url: url);

    /// <summary>Creates a button that asks the user to share their phone number.</summary>
    /// <param name="label">The text on the button.</param>
    /// <returns>The button.</returns>
    public static Button RequestContact(string label) => new(label, ButtonKind.RequestContact);

    /// <summary>Creates a button that asks the user to share their location.</summary>
    /// <param name="label">The text on the button.</param>
    /// <returns>The button.</returns>
    public static Button RequestLocation(string label) => new(label, ButtonKind.RequestLocation);
}
