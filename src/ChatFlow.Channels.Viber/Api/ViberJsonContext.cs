using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatFlow.Channels.Viber;

/// <summary>Source-generated serialization of the Viber API's bodies.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ViberCallback))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SetWebhookRequest))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(ApiResponse))]
internal sealed partial class ViberJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Gets a context that writes non-ASCII text as UTF-8 instead of <c>\uXXXX</c> escapes, so that
    /// a 7000-character Cyrillic text stays far below Viber's 30 KB request limit.
    /// </summary>
    public static ViberJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
