using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// The body of <c>send_message</c> and <c>broadcast_message</c>, and of a welcome message (then
/// without a receiver). Properties are in the order Viber's documentation lists them.
/// </summary>
internal sealed class SendMessageRequest
{
    [JsonPropertyName("receiver")]
    public string? Receiver { get; set; }

    [JsonPropertyName("broadcast_list")]
    public IReadOnlyList<string>? BroadcastList { get; set; }

    [JsonPropertyName("min_api_version")]
    public int? MinApiVersion { get; set; }

    [JsonPropertyName("sender")]
    public SenderInfo? Sender { get; set; }

    [JsonPropertyName("tracking_data")]
    public string? TrackingData { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = "text";

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("media")]
    public string? Media { get; set; }

    [JsonPropertyName("thumbnail")]
    public string? Thumbnail { get; set; }

    [JsonPropertyName("size")]
    public long? Size { get; set; }

    [JsonPropertyName("file_name")]
    public string? FileName { get; set; }

    [JsonPropertyName("sticker_id")]
    public long? StickerId { get; set; }

    [JsonPropertyName("keyboard")]
    public KeyboardDto? Keyboard { get; set; }

    public SendMessageRequest Copy() => (SendMessageRequest)MemberwiseClone();
}
