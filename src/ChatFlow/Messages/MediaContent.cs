namespace ChatFlow;

/// <summary>A media file the user sent: a photo, document, voice message, video or sticker.</summary>
/// <param name="Kind">The kind of file.</param>
/// <param name="FileReference">The channel's reference to the file (Telegram <c>file_id</c>, a VK attachment string, a Viber media URL).</param>
public sealed record MediaContent(MediaKind Kind, string FileReference) : MessageContent
{
    /// <summary>Gets the caption sent with the file, if any.</summary>
    public string? Caption { get; init; }

    /// <summary>Gets the file name, when the channel gives one.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the MIME type, when the channel gives one.</summary>
    public string? MimeType { get; init; }

    /// <summary>Gets the size in bytes, when the channel gives one.</summary>
    public long? Size { get; init; }

    /// <inheritdoc />
    public override string ToString() => "media:" + Kind;
}
