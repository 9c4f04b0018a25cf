using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChatFlow.Channels.Vk.Outbound;

/// <summary>
/// Button payloads as VK carries them: a JSON text of at most 255 characters. A ChatFlow payload that
/// is itself a JSON object travels as it is (so VK-native payloads such as <c>{"cmd":"book"}</c> work);
/// any other text is wrapped as <c>{"p":"…"}</c> and unwrapped on the way back.
/// </summary>
internal static class VkPayload
{
    public const int MaxLength = 255;
    private const string Key = "p";

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Encodes a payload; null when the result would be longer than VK allows.</summary>
    public static string? Encode(string payload)
    {
        string json;
        if (IsJsonObject(payload))
        {
            json = payload;
        }
        else
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString(Key, payload);
                writer.WriteEndObject();
            }

            json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        return json.Length <= MaxLength ? json : null;
    }

    /// <summary>
    /// Decodes a payload VK delivered (the JSON text): the wrapped ChatFlow payload, or the JSON text
    /// itself. <paramref name="command"/> is set for VK's Start button (<c>{"command":"start"}</c>).
    /// </summary>
    public static string Decode(string json, out string? command)
    {
        command = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return Unwrap(document.RootElement, out command) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>Decodes a payload VK delivered as a JSON value (an object, or a string holding JSON).</summary>
    public static string Decode(JsonElement payload, out string? command)
    {
        command = null;
        return payload.ValueKind switch
        {
            JsonValueKind.String => Decode(payload.GetString() ?? string.Empty, out command),
            JsonValueKind.Object => Unwrap(payload, out command) ?? payload.GetRawText(),
            JsonValueKind.Undefined or JsonValueKind.Null => string.Empty,
            _ => payload.GetRawText(),
        };
    }

    private static string? Unwrap(JsonElement root, out string? command)
    {
        command = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? single = null;
        string? name = null;
        var count = 0;
        foreach (var property in root.EnumerateObject())
        {
            count++;
            name = property.Name;
            single = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
        }

        if (count != 1 || single is null)
        {
            return null;
        }

        if (name == Key)
        {
            return single;
        }

        if (name == "command")
        {
            command = single;
            return root.GetRawText();
        }

        return null;
    }

    private static bool IsJsonObject(string text)
    {
        if (text.Length < 2 || text[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
