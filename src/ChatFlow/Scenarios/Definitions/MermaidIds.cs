using System.Text;

namespace ChatFlow;

/// <summary>
/// Makes Stateless's Mermaid output valid for any step name: Mermaid state ids allow only letters,
/// digits and underscores, so each other name gets an id and a <c>state "name" as id</c> declaration.
/// </summary>
internal static class MermaidIds
{
    private const string Arrow = " --> ";

    public static string Sanitize(string mermaid, IEnumerable<string> states)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in states)
        {
            var id = ToId(state);
            var unique = id;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = id + "_" + n;
            }

            ids[state] = unique;
        }

        string Map(string name) => ids.TryGetValue(name, out var id) ? id : name;

        var output = new StringBuilder();
        foreach (var line in mermaid.ReplaceLineEndings("\n").Split('\n'))
        {
            var indent = line[..(line.Length - line.TrimStart().Length)];
            var body = line.Trim();
            string mapped;
            if (body.StartsWith("state ", StringComparison.Ordinal) && body.EndsWith(" {", StringComparison.Ordinal))
            {
                mapped = "state " + Map(body[6..^2]) + " {";
            }
            else if (body.IndexOf(Arrow, StringComparison.Ordinal) is var arrow and > 0)
            {
                var source = body[..arrow];
                var rest = body[(arrow + Arrow.Length)..];
                var colon = rest.IndexOf(" : ", StringComparison.Ordinal);
                var target = colon < 0 ? rest : rest[..colon];
                var label = colon < 0 ? string.Empty : " : " + rest[(colon + 3)..].Replace(" [Function]", string.Empty, StringComparison.Ordinal);
                mapped = Map(source) + Arrow + Map(target) + label;
            }
            else
            {
                mapped = ids.ContainsKey(body) ? Map(body) : body;
            }

            output.Append(indent).Append(mapped).Append('\n');
            if (body == "stateDiagram-v2")
            {
                foreach (var (name, id) in ids)
                {
                    if (name != id)
                    {
                        output.Append('\t').Append("state \"").Append(name == Scenario.RootState ? "any step" : name).Append("\" as ").Append(id).Append('\n');
                    }
                }
            }
        }

        return output.ToString().TrimEnd('\n');
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "end", "state", "note", "direction", "class", "classDef", "style", "click", "as", "default" };

    private static string ToId(string name)
    {
        switch (name)
        {
            case Scenario.RootState:
                return "any_step";
            case Scenario.EndState:
                return "scenario_end";
            case Scenario.OperatorState:
                return "operator_handoff";
        }

        var sb = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch == '_' ? ch : '_');
        }

        var id = sb.ToString().Trim('_');
        return id.Length == 0 || char.IsAsciiDigit(id[0]) || Keywords.Contains(id) ? "s_" + id : id;
    }
}
