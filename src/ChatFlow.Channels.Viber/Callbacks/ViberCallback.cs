using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// A Viber webhook callback as Viber sent it. Incoming messages carry it as
/// <see cref="IncomingMessage.RawRepresentation"/>, for fields the channel-neutral model leaves out
/// (<see cref="ViberCallbackMessage.TrackingData"/>, <see cref="Context"/>, the user's country).
/// </summary>
public sealed class ViberCallback
{
    /// <summary>Gets the event type: <c>message</c>, <c>subscribed</c>, <c>unsubscribed</c>, <c>conversation_started</c>, <c>delivered</c>, <c>seen</c>, <c>failed</c> or <c>webhook</c>.</summary>
    [JsonPropertyName("event")]
    public string? Event { get; init; }

    /// <summary>Gets when the event happened, in Unix milliseconds.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }

    /// <summary>Gets the event's token: the message's id for <c>message</c>, the bot message's id for receipts. A 64-bit integer above 2^53.</summary>
    [JsonPropertyName("message_token")]
    public long? MessageToken { get; init; }

    /// <summary>Gets the name of the Viber server that sent the callback.</summary>
    [JsonPropertyName("chat_hostname")]
    public string? ChatHostname { get; init; }

    /// <summary>Gets the sender of a <c>message</c>.</summary>
    [JsonPropertyName("sender")]
    public ViberUser? Sender { get; init; }

    /// <summary>Gets the user of a <c>subscribed</c> or <c>conversation_started</c> event.</summary>
    [JsonPropertyName("user")]
    public ViberUser? User { get; init; }

    /// <summary>Gets the user id of an <c>unsubscribed</c> event or a receipt.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>Gets the message of a <c>message</c> event.</summary>
    [JsonPropertyName("message")]
    public ViberCallbackMessage? Message { get; init; }

    /// <summary>Gets a value indicating whether the user's message was sent silently.</summary>
    [JsonPropertyName("silent")]
    public bool? Silent { get; init; }

    /// <summary>Gets how a conversation was started (<c>open</c>).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Gets the <c>context</c> parameter of the deep link that started the conversation.</summary>
    [JsonPropertyName("context")]
    public string? Context { get; init; }

    /// <summary>Gets a value indicating whether the user who started the conversation is already subscribed.</summary>
    [JsonPropertyName("subscribed")]
    public bool? Subscribed { get; init; }

    /// <summary>Gets why a message failed, for a <c>failed</c> receipt.</summary>
    [JsonPropertyName("desc")]
    public string? Description { get; init; }
}
