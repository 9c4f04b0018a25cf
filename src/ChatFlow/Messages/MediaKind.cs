namespace ChatFlow;

/// <summary>The kind of a media file. String-backed so that channels can report kinds of their own.</summary>
public readonly record struct MediaKind
{
    private readonly string? _value;

    /// <summary>Creates a media kind.</summary>
    /// <param name="value">The kind's name; stored in lower case.</param>
    [System.Text.Json.Serialization.JsonConstructor]
    public MediaKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>Gets the kind's name.</summary>
    public string Value => _value ?? "file";

    /// <summary>Gets the kind of a photo or picture.</summary>
    public static MediaKind Photo { get; } = new("photo");

    /// <summary>Gets the kind of a document or any other file.</summary>
    public static MediaKind Document { get; } = new("document");

    /// <summary>Gets the kind of a video.</summary>
    public static MediaKind Video { get; } = new("video");

    /// <summary>Gets the kind of a voice message.</summary>
    public static MediaKind Voice { get; } = new("voice");

    /// <summary>Gets the kind of an audio file.</summary>
    public static MediaKind Audio { get; } = new("audio");

    /// <summary>Gets the kind of a sticker.</summary>
    public static MediaKind Sticker { get; } = new("sticker");

    /// <inheritdoc />
    public override string ToString() => Value;
}
