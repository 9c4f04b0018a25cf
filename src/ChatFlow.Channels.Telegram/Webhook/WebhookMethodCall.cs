using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Telegram;

/// <summary>A Bot API call returned in the body of a webhook response (Telegram executes it).</summary>
internal sealed record WebhookMethodCall(string Method, string CallbackQueryId);

/// <summary>Source-generated JSON for the package's own payloads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WebhookMethodCall))]
internal sealed partial class TelegramJsonContext : JsonSerializerContext;
