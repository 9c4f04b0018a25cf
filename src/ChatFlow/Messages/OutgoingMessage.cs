namespace ChatFlow;

/// <summary>
/// A reply to send: text, buttons and media. Channels render what they can; what a channel
/// cannot show degrades (long text is split, unsupported buttons become text).
/// </summary>
public sealed record OutgoingMessage
{
    /// <summary>Creates a reply.</summary>
    /// <param name="text">The text; may be null for a media-only message.</param>
    /// <param name="keyboard">Buttons to show with the message.</param>
    public OutgoingMessage(string? text, Keyboard? keyboard = null)
    {
        Text = text;
        Keyboard = keyboard;
    }

    /// <summary>Gets the text.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the buttons shown with the message.</summary>
    public Keyboard? Keyboard { get; init; }

    /// <summary>Gets a media file sent with the message; <see cref="Text"/> becomes its caption.</summary>
    public MediaAttachment? Media { get; init; }

    /// <summary>Gets a value indicating whether the message removes the user's reply keyboard.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RemoveKeyboard { get; init; }

    /// <summary>Implicitly creates a text reply.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator OutgoingMessage(string text) => new(text);

    /// <summary>Creates a text reply.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The reply.</returns>
    public static OutgoingMessage FromString(string text) => new(text);
}
