using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Vk.Api;

/// <summary>Source-generated serialization of the VK objects the channel reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(VkEvent))]
[JsonSerializable(typeof(VkMessageNew))]
[JsonSerializable(typeof(VkMessage))]
[JsonSerializable(typeof(VkMedia))]
[JsonSerializable(typeof(VkMessageEvent))]
[JsonSerializable(typeof(VkMessagePermission))]
[JsonSerializable(typeof(VkLongPollServer))]
[JsonSerializable(typeof(VkLongPollResponse))]
[JsonSerializable(typeof(VkUploadServer))]
[JsonSerializable(typeof(VkPhotoUpload))]
[JsonSerializable(typeof(VkMedia[]))]
[JsonSerializable(typeof(VkDocUpload))]
[JsonSerializable(typeof(VkSavedDoc))]
[JsonSerializable(typeof(VkPeerSendResult[]))]
[JsonSerializable(typeof(VkErrorBody))]
internal sealed partial class VkJsonContext : JsonSerializerContext;
