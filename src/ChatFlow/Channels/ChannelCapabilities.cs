namespace ChatFlow;

/// <summary>
/// What a channel can show. The runtime uses it to split long text and to degrade buttons and
/// media the channel cannot render; <see cref="ChatBot"/> warns at start-up where a scenario asks
/// for more than a channel can show.
/// </summary>
public sealed record ChannelCapabilities
{
    /// <summary>Gets a channel that shows everything the model carries, with generous limits.</summary>
    public static ChannelCapabilities Full { get; } = new();

    /// <summary>Gets a channel that shows plain text only: buttons become numbered lines of text.</summary>
    public static ChannelCapabilities TextOnly { get; } = new()
    {
        SupportsReplyKeyboard = false,
        SupportsInlineKeyboard = false,
        SupportsUrlButtons = false,
        SupportsRequestContact = false,
        SupportsRequestLocation = false,
        SupportsMedia = false,
        SupportsEditing = false,
    };

    /// <summary>Gets the longest text one message may carry.</summary>
    /// <value>The default value is 4096.</value>
    public int MaxTextLength { get; init; } = 4096;

    /// <summary>Gets the longest caption a media message may carry; the rest follows as text.</summary>
    /// <value>The default value is 1024.</value>
    public int MaxCaptionLength { get; init; } = 1024;

    /// <summary>Gets a value indicating whether the channel shows reply keyboards (buttons that send their label as text).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SupportsReplyKeyboard { get; init; } = true;

    /// <summary>Gets a value indicating whether the channel shows inline keyboards with callback buttons.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SupportsInlineKeyboard { get; init; } = true;

    /// <summary>Gets a value indicating whether the channel shows buttons that open a URL.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SupportsUrlButtons { get; init; } = true;

    /// <summary>Gets a value indicating whether the channel has a "share my phone" button.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SupportsRequestContact { get; init; } = true;

    /// <summary>Gets a value indicating whether the channel has a "share my location" button.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SupportsRequestLocation { get; init; } = true;

    /// <summary>Gets the most buttons one keyboard may hold; extra buttons are sent with further messages.</summary>
    /// <value>The default value is 100.</value>
    public int MaxButtons { get; init; } = 100;

    /// <summary>Gets the most buttons one row may hold; longer rows wrap.</summary>
    /// <value>The default value is 8.</value>
    public int MaxButtonsPerRow { get; init; } = 8;

    /// <summary>Gets the longest button label the channel shows.</summary>
    /// <value>The default value is 64.</value>
    public int MaxButtonLabelLength { get; init; } = 64;

    /// <summary>
    /// Gets the largest callback payload in UTF-8 bytes. Longer payloads are replaced with short
    /// tokens stored with the conversation and resolved transparently when pressed.
    /// </summary>
    /// <value>The default value is 64.</value>
    public int MaxButtonPayloadBytes { get; init; } = 64;

    /// <summary>Gets a value indicating whether the channel can send media files.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SupportsMedia { get; init; } = true;

    /// <summary>Gets a value indicating whether the channel can edit messages it sent.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SupportsEditing { get; init; } = true;

    /// <summary>Returns whether the channel can show a button of the given kind.</summary>
    /// <param name="kind">The button kind.</param>
    /// <param name="inline">Whether the button sits on an inline keyboard.</param>
    /// <returns><see langword="true"/> when the button can be shown as asked.</returns>
    public bool Supports(ButtonKind kind, bool inline) => kind switch
    {
        ButtonKind.Reply => SupportsReplyKeyboard,
        ButtonKind.Callback => SupportsInlineKeyboard,
        ButtonKind.Url => SupportsUrlButtons && (inline ? SupportsInlineKeyboard : SupportsReplyKeyboard || SupportsInlineKeyboard),
        ButtonKind.RequestContact => SupportsRequestContact,
        ButtonKind.RequestLocation => SupportsRequestLocation,
        _ => false,
    };
}
