using System.Text;
using System.Text.Json;

namespace ChatFlow.Channels.Vk.Tests.Fakes;

/// <summary>The shared VK fixtures, copied byte for byte into Fixtures/.</summary>
internal static class Fixture
{
    public const string Secret = "Zr7kQ2vX9pLm4Tq8";
    public const long GroupId = 229876543;
    public const string UserId = "512345678";

    public static string[] All => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Select(Path.GetFileName).ToArray()!;

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static JsonElement Json(string name)
    {
        using var document = JsonDocument.Parse(Bytes(name));
        return document.RootElement.Clone();
    }

    /// <summary>A fixture body with some of its text replaced (for example a new event id or text).</summary>
    public static byte[] With(string name, params (string From, string To)[] replacements)
    {
        var text = Text(name);
        foreach (var (from, to) in replacements)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    public static WebhookRequest Request(byte[] body, params (string Name, string Value)[] headers) =>
        new(headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), body);
}
