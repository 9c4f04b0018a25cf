using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatFlow.Channels.Vk.Tests.Fakes;

namespace ChatFlow.Channels.Vk.Tests.EndToEnd;

/// <summary>
/// Plays a VK user against the fake server: builds the events VK would send (from the fixtures) for
/// typed text and for presses of the buttons of the last keyboard the bot sent.
/// </summary>
internal sealed class VkUser(FakeVkServer server)
{
    private int _next = 100;

    /// <summary>The event for typed text (a text-button press when <paramref name="payload"/> is given).</summary>
    public string Text(string text, string? payload = null)
    {
        using var document = JsonDocument.Parse(Fixture.Bytes("callback_message_new_text.json"));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        var id = Interlocked.Increment(ref _next);
        var json = new StringBuilder(Encoding.UTF8.GetString(buffer.WrittenSpan))
            .Replace("e3f0a8c1b2d4e5f60718293a4b5c6d7e8f901234", "e2e" + id.ToString(CultureInfo.InvariantCulture))
            .Replace("\"id\":2871", "\"id\":" + (5000 + id).ToString(CultureInfo.InvariantCulture))
            .Replace("Привет! Хочу записаться", JsonEncodedText.Encode(text).ToString())
            .ToString();
        if (payload is not null)
        {
            json = json.Replace("\"random_id\":0", "\"random_id\":0,\"payload\":" + JsonSerializer.Serialize(payload), StringComparison.Ordinal);
        }

        return json;
    }

    /// <summary>The event for pressing a button of the last keyboard sent: a text button or a callback button.</summary>
    public string Press(string label)
    {
        var send = server.Calls("messages.send").Last(c => c.Form.ContainsKey("keyboard") && c["keyboard"] != "{\"buttons\":[]}");
        using var keyboard = JsonDocument.Parse(send["keyboard"]);
        var button = keyboard.RootElement.GetProperty("buttons").EnumerateArray().SelectMany(r => r.EnumerateArray())
            .Select(b => b.GetProperty("action"))
            .First(a => a.TryGetProperty("label", out var l) && l.GetString() == label);
        var payload = button.TryGetProperty("payload", out var p) ? p.GetString() : null;
        if (button.GetProperty("type").GetString() == "text")
        {
            return Text(label, payload);
        }

        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        return $"{{\"group_id\":229876543,\"type\":\"message_event\",\"event_id\":\"e2e{id}\",\"v\":\"5.199\",\"object\":{{\"user_id\":512345678,\"peer_id\":512345678,\"event_id\":\"cb{id}\",\"payload\":{payload ?? "{}"},\"conversation_message_id\":1}},\"secret\":\"{Fixture.Secret}\"}}";
    }

    /// <summary>Wraps events into a Long Poll answer.</summary>
    public static string LongPoll(string ts, params string[] events) =>
        $"{{\"ts\":\"{ts}\",\"updates\":[{string.Join(",", events.Select(e => e.Replace($",\"secret\":\"{Fixture.Secret}\"", string.Empty, StringComparison.Ordinal)))}]}}";

    /// <summary>The texts the bot sent, in order.</summary>
    public IReadOnlyList<string> Said => server.Calls("messages.send").Select(c => c.Form.GetValueOrDefault("message") ?? string.Empty).ToArray();
}
