using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Vk.Api;

/// <summary>An update: a Callback API body or one item of a Long Poll response.</summary>
internal sealed record VkEvent
{
    public string? Type { get; init; }

    public long GroupId { get; init; }

    public string? EventId { get; init; }

    public JsonElement Object { get; init; }
}

/// <summary>The <c>object</c> of <c>message_new</c> (v5.103+).</summary>
internal sealed record VkMessageNew
{
    public VkMessage? Message { get; init; }
}

/// <summary>A message (messages_base_message).</summary>
internal sealed record VkMessage
{
    public long Id { get; init; }

    public long Date { get; init; }

    public long PeerId { get; init; }

    public long FromId { get; init; }

    public string? Text { get; init; }

    public long ConversationMessageId { get; init; }

    public int Out { get; init; }

    public string? Payload { get; init; }

    public VkGeo? Geo { get; init; }

    public IReadOnlyList<JsonElement>? Attachments { get; init; }
}

/// <summary>A shared location.</summary>
internal sealed record VkGeo
{
    public VkCoordinates? Coordinates { get; init; }

    public VkPlace? Place { get; init; }
}

/// <summary>Coordinates of a location.</summary>
internal sealed record VkCoordinates
{
    public double Latitude { get; init; }

    public double Longitude { get; init; }
}

/// <summary>A place's description.</summary>
internal sealed record VkPlace
{
    public string? Title { get; init; }
}

/// <summary>A media object inside an attachment (photo, doc, audio_message, video, audio, sticker): the fields ChatFlow uses.</summary>
internal sealed record VkMedia
{
    public long Id { get; init; }

    public long OwnerId { get; init; }

    public string? AccessKey { get; init; }

    public string? Title { get; init; }

    public long? Size { get; init; }

    public string? Ext { get; init; }

    public long StickerId { get; init; }
}

/// <summary>The <c>object</c> of <c>message_event</c> (a callback-button press).</summary>
internal sealed record VkMessageEvent
{
    public long UserId { get; init; }

    public long PeerId { get; init; }

    public string? EventId { get; init; }

    public JsonElement Payload { get; init; }

    public long ConversationMessageId { get; init; }
}

/// <summary>The <c>object</c> of <c>message_allow</c> and <c>message_deny</c>.</summary>
internal sealed record VkMessagePermission
{
    public long UserId { get; init; }

    public string? Key { get; init; }
}

/// <summary>The answer of <c>groups.getLongPollServer</c>.</summary>
internal sealed record VkLongPollServer
{
    public string? Key { get; init; }

    public string? Server { get; init; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Ts { get; init; }
}

/// <summary>A Long Poll server's answer: updates and the next <c>ts</c>, or a <c>failed</c> code.</summary>
internal sealed record VkLongPollResponse
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Ts { get; init; }

    public int? Failed { get; init; }

    public IReadOnlyList<JsonElement>? Updates { get; init; }
}

/// <summary>The answer of <c>photos.getMessagesUploadServer</c> and <c>docs.getMessagesUploadServer</c>.</summary>
internal sealed record VkUploadServer
{
    public string? UploadUrl { get; init; }
}

/// <summary>What the photo upload server answers.</summary>
internal sealed record VkPhotoUpload
{
    public long Server { get; init; }

    public string? Photo { get; init; }

    public string? Hash { get; init; }
}

/// <summary>What the document upload server answers.</summary>
internal sealed record VkDocUpload
{
    public string? File { get; init; }

    public string? Error { get; init; }
}

/// <summary>The answer of <c>docs.save</c>.</summary>
internal sealed record VkSavedDoc
{
    public string? Type { get; init; }

    public VkMedia? Doc { get; init; }

    public VkMedia? AudioMessage { get; init; }
}

/// <summary>One recipient's result of <c>messages.send</c> with <c>peer_ids</c>.</summary>
internal sealed record VkPeerSendResult
{
    public long PeerId { get; init; }

    public long? MessageId { get; init; }

    public long? ConversationMessageId { get; init; }

    public VkPeerError? Error { get; init; }
}

/// <summary>A recipient's error in a <c>peer_ids</c> send.</summary>
internal sealed record VkPeerError
{
    public int Code { get; init; }

    public string? Description { get; init; }
}

/// <summary>An API error (<c>{"error":{...}}</c>, sent with HTTP 200).</summary>
internal sealed record VkErrorBody
{
    public int ErrorCode { get; init; }

    public string? ErrorMsg { get; init; }
}
