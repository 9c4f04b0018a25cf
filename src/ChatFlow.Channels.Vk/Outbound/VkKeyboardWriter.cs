using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Vk.Outbound;

/// <summary>
/// Writes VK keyboard JSON within VK's limits. A standard keyboard holds 10 rows of 5 and 40 buttons:
/// more rows are re-laid out 5 to a row. An inline keyboard holds 6 rows and 10 buttons per message:
/// a longer one becomes several keyboards, one per message. Location buttons take a row of their own.
/// </summary>
internal static class VkKeyboardWriter
{
    public const int MaxPerRow = 5;
    public const int MaxRows = 10;
    public const int MaxButtons = 40;
    public const int MaxInlineRows = 6;
    public const int MaxInlineButtons = 10;

    /// <summary>The keyboard that removes the user's keyboard.</summary>
    public const string Remove = "{\"buttons\":[]}";

    public static IReadOnlyList<string> Write(Keyboard keyboard, VkOptions options, ILogger logger)
    {
        var rows = Layout(keyboard);
        if (rows.Count == 0)
        {
            return [];
        }

        if (!keyboard.Inline)
        {
            if (rows.Count > MaxRows)
            {
                rows = Reflow(rows);
            }

            if (rows.Count > MaxRows)
            {
                Log.KeyboardTruncated(logger, MaxRows);
                rows = rows.Take(MaxRows).ToList();
            }

            return [Serialize(rows, inline: false, keyboard.OneTime, options, logger)];
        }

        var chunks = new List<List<List<Button>>>();
        var current = new List<List<Button>>();
        var count = 0;
        foreach (var row in rows)
        {
            if (current.Count == MaxInlineRows || count + row.Count > MaxInlineButtons)
            {
                chunks.Add(current);
                current = [];
                count = 0;
            }

            current.Add(row);
            count += row.Count;
        }

        chunks.Add(current);
        if (chunks.Count > 1)
        {
            Log.InlineKeyboardSplit(logger, keyboard.Count, rows.Count, chunks.Count);
        }

        return chunks.Select(c => Serialize(c, inline: true, oneTime: false, options, logger)).ToArray();
    }

    /// <summary>Keeps the rows but wraps them at 5, drops buttons VK has no kind for and gives location buttons their own row.</summary>
    private static List<List<Button>> Layout(Keyboard keyboard)
    {
        var rows = new List<List<Button>>();
        foreach (var row in keyboard.Rows)
        {
            var current = new List<Button>();
            foreach (var button in row)
            {
                if (button.Kind == ButtonKind.RequestContact || (button.Kind == ButtonKind.Url && string.IsNullOrEmpty(button.Url)))
                {
                    continue;
                }

                if (button.Kind == ButtonKind.RequestLocation)
                {
                    if (current.Count > 0)
                    {
                        rows.Add(current);
                        current = [];
                    }

                    rows.Add([button]);
                    continue;
                }

                if (current.Count == MaxPerRow)
                {
                    rows.Add(current);
                    current = [];
                }

                current.Add(button);
            }

            if (current.Count > 0)
            {
                rows.Add(current);
            }
        }

        return rows;
    }

    /// <summary>Packs the buttons 5 to a row (location buttons alone), keeping their order.</summary>
    private static List<List<Button>> Reflow(List<List<Button>> rows)
    {
        var packed = new List<List<Button>>();
        var current = new List<Button>();
        foreach (var button in rows.SelectMany(r => r))
        {
            if (button.Kind == ButtonKind.RequestLocation)
            {
                packed.Add([button]);
                continue;
            }

            if (current.Count == MaxPerRow)
            {
                packed.Add(current);
                current = [];
            }

            current.Add(button);
        }

        if (current.Count > 0)
        {
            packed.Add(current);
        }

        return packed;
    }

    private static string Serialize(List<List<Button>> rows, bool inline, bool oneTime, VkOptions options, ILogger logger)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, VkPayload.WriterOptions))
        {
            writer.WriteStartObject();
            if (inline)
            {
                writer.WriteBoolean("inline", true);
            }
            else
            {
                writer.WriteBoolean("one_time", oneTime);
            }

            writer.WriteStartArray("buttons");
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var button in row)
                {
                    WriteButton(writer, button, options, logger);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteButton(Utf8JsonWriter writer, Button button, VkOptions options, ILogger logger)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("action");
        var colored = false;
        switch (button.Kind)
        {
            case ButtonKind.Callback:
                writer.WriteString("type", "callback");
                writer.WriteString("label", button.Label);
                WritePayload(writer, button, button.EffectivePayload, logger);
                colored = true;
                break;
            case ButtonKind.Url:
                writer.WriteString("type", "open_link");
                writer.WriteString("link", button.Url);
                writer.WriteString("label", button.Label);
                break;
            case ButtonKind.RequestLocation:
                writer.WriteString("type", "location");
                break;
            default:
                writer.WriteString("type", "text");
                writer.WriteString("label", button.Label);
                if (button.Payload is { } payload && payload != button.Label)
                {
                    WritePayload(writer, button, payload, logger);
                }

                colored = true;
                break;
        }

        writer.WriteEndObject();
        if (colored && options.ButtonColor?.Invoke(button) is { } color)
        {
            writer.WriteString("color", color switch
            {
                VkButtonColor.Primary => "primary",
                VkButtonColor.Positive => "positive",
                VkButtonColor.Negative => "negative",
                _ => "secondary",
            });
        }

        writer.WriteEndObject();
    }

    private static void WritePayload(Utf8JsonWriter writer, Button button, string payload, ILogger logger)
    {
        if (VkPayload.Encode(payload) is { } json)
        {
            writer.WriteString("payload", json);
        }
        else
        {
            Log.PayloadTooLong(logger, button.Label);
        }
    }
}
