using System.Text.Json.Nodes;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>The Viber payload fixtures, copied byte for byte from the shared fixtures.</summary>
internal static class Fixture
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static JsonNode Json(string name) => JsonNode.Parse(Bytes(name))!;

    public static IEnumerable<string> Callbacks() => System.IO.Directory.GetFiles(Directory, "callback_*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
}
