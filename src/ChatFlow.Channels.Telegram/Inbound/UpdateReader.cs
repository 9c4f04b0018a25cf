using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// Reads one update with Telegram.Bot's deserializer, for the webhook and for each element of a <c>getUpdates</c> batch.
/// </summary>
internal static class UpdateReader
{
    /// <summary>Gets the <c>update_id</c> of a JSON update, or null when it has none that fits <see cref="Update.Id"/>.</summary>
    public static int? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("update_id", out var id)
        && id.ValueKind == JsonValueKind.Number
        && id.TryGetInt32(out var value)
            ? value
            : null;

    /// <summary>Deserializes an update; whatever the deserializer throws becomes <paramref name="error"/>.</summary>
    public static bool TryRead(JsonElement element, [NotNullWhen(true)] out Update? update, out string error)
    {
        try
        {
            update = element.Deserialize<Update>(JsonBotAPI.Options);
            error = update is null ? "the update is null" : string.Empty;
            return update is not null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Telegram.Bot's converters throw more than JsonException for untrusted input: ArgumentOutOfRangeException for a
            // date past year 9999, KeyNotFoundException for a chat member without a status, and so on.
            update = null;
            error = ex.Message;
            return false;
        }
    }
}
