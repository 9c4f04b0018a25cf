namespace ChatFlow;

/// <summary>A file to send: by public URL or by a file reference the channel already knows.</summary>
/// <param name="Kind">The kind of file.</param>
/// <param name="Source">An absolute URL, or a channel file reference when <see cref="IsFileReference"/> is set.</param>
public sealed record MediaAttachment(MediaKind Kind, string Source)
{
    /// <summary>Gets a value indicating whether <see cref="Source"/> is a channel file reference rather than a URL.</summary>
    public bool IsFileReference { get; init; }

    /// <summary>Gets the file name to show, where the channel supports one.</summary>
    public string? FileName { get; init; }

    /// <summary>Creates a photo sent by URL.</summary>
    /// <param name="url">The absolute URL of the picture.</param>
    /// <returns>The attachment.</returns>
    public static MediaAttachment PhotoFromUrl(string url) => new(MediaKind.Photo, url);

    /// <summary>Creates a document sent by URL.</summary>
    /// <param name="url">The absolute URL of the file.</param>
    /// <param name="fileName">The file name to show.</param>
    /// <returns>The attachment.</returns>
    public static MediaAttachment DocumentFromUrl(string url, string? fileName = null) => new(MediaKind.Document, url) { FileName = fileName };

    /// <summary>Creates an attachment from a file reference the channel issued (for example a Telegram <c>file_id</c>).</summary>
    /// <param name="kind">The kind of file.</param>
    /// <param name="fileReference">The channel's file reference.</param>
    /// <returns>The attachment.</returns>
    public static MediaAttachment FromFileReference(MediaKind kind, string fileReference) => new(kind, fileReference) { IsFileReference = true };
}
