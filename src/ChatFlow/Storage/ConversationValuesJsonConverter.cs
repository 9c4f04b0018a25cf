using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatFlow;

/// <summary>
/// Writes each value with its type (<c>{"age":{"t":"long","v":42}}</c>) so that values read back
/// with the type they were stored with.
/// </summary>
internal sealed class ConversationValuesJsonConverter : JsonConverter<ConversationValues>
{
    public override ConversationValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Conversation values must be a JSON object.");
        }

        var values = new ConversationValues();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? throw new JsonException("A conversation value has no name.");
            reader.Read();
            using var doc = JsonDocument.ParseValue(ref reader);
            var type = doc.RootElement.GetProperty("t").GetString();
            var v = doc.RootElement.GetProperty("v");
            object value = type switch
            {
                "string" => v.GetString()!,
                "bool" => v.GetBoolean(),
                "long" => v.GetInt64(),
                "decimal" => v.GetDecimal(),
                "double" => v.GetDouble(),
                "date" => DateOnly.ParseExact(v.GetString()!, "O", System.Globalization.CultureInfo.InvariantCulture),
                "time" => TimeOnly.ParseExact(v.GetString()!, "O", System.Globalization.CultureInfo.InvariantCulture),
                "datetimeoffset" => v.GetDateTimeOffset(),
                "timespan" => TimeSpan.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                "guid" => v.GetGuid(),
                _ => throw new JsonException($"Unknown conversation value type '{type}' for '{key}'."),
            };
            values.Set(key, value);
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, ConversationValues value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, v) in value)
        {
            writer.WriteStartObject(key);
            switch (v)
            {
                case string s: writer.WriteString("t", "string"); writer.WriteString("v", s); break;
                case bool b: writer.WriteString("t", "bool"); writer.WriteBoolean("v", b); break;
                case long l: writer.WriteString("t", "long"); writer.WriteNumber("v", l); break;
                case decimal d: writer.WriteString("t", "decimal"); writer.WriteNumber("v", d); break;
                case double d: writer.WriteString("t", "double"); writer.WriteNumber("v", d); break;
                case DateOnly d: writer.WriteString("t", "date"); writer.WriteString("v", d.ToString("O", System.Globalization.CultureInfo.InvariantCulture)); break;
                case TimeOnly t: writer.WriteString("t", "time"); writer.WriteString("v", t.ToString("O", System.Globalization.CultureInfo.InvariantCulture)); break;
                case DateTimeOffset d: writer.WriteString("t", "datetimeoffset"); writer.WriteString("v", d); break;
                case TimeSpan t: writer.WriteString("t", "timespan"); writer.WriteString("v", t.ToString("c", System.Globalization.CultureInfo.InvariantCulture)); break;
                case Guid g: writer.WriteString("t", "guid"); writer.WriteString("v", g); break;
                default: throw new JsonException($"Cannot write conversation value '{key}' of type {v.GetType().Name}.");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
