using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>The message of a Viber <c>message</c> callback.</summary>
public sealed class ViberCallbackMessage
{
    /// <summary>Gets the message type: <c>text</c>, <c>picture</c>, <c>video</c>, <c>file</c>, <c>sticker</c>, <c>contact</c>, <c>location</c> or <c>url</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Gets the text, or a picture's description.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>Gets the URL of the media, or the URL of a <c>url</c> message.</summary>
    [JsonPropertyName("media")]
    public string? Media { get; init; }

    /// <summary>Gets the URL of the media's thumbnail.</summary>
    [JsonPropertyName("thumbnail")]
    public string? Thumbnail { get; init; }

    /// <summary>Gets the file name of a <c>file</c> message.</summary>
    [JsonPropertyName("file_name")]
    public string? FileName { get; init; }

    /// <summary>Gets the size in bytes of a file or video.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>Gets the id of a sticker.</summary>
    [JsonPropertyName("sticker_id")]
    public long? StickerId { get; init; }

    /// <summary>Gets the shared contact.</summary>
    [JsonPropertyName("contact")]
    public ViberContact? Contact { get; init; }

    /// <summary>Gets the shared location.</summary>
    [JsonPropertyName("location")]
    public ViberLocation? Location { get; init; }

    /// <summary>Gets the <c>tracking_data</c> of the bot message the user answered.</summary>
    [JsonPropertyName("tracking_data")]
    public string? TrackingData { get; init; }
}
