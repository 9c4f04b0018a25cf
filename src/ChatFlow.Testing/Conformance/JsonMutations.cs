using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatFlow.Testing.Conformance;

/// <summary>
/// Variants of a genuine JSON update that a platform might send one day or a forger might try: each field removed,
/// set to null, given another type, emptied, made huge or out of range. One field changes per variant.
/// </summary>
internal static class JsonMutations
{
    private static readonly string Huge = new('x', 100_000);

    /// <summary>Returns every variant of a JSON object with a description of the change.</summary>
    /// <param name="source">Gives the original for a variant's number: the same object, or one renumbered so the channel does not take the variant for a redelivery.</param>
    /// <returns>The variants.</returns>
    public static IEnumerable<(string Change, byte[] Body)> Of(Func<long, ReadOnlyMemory<byte>> source)
    {
        var nodes = new List<JsonNode>();
        Collect(JsonNode.Parse(source(0).Span)!, nodes);
        var changes = nodes.SelectMany((n, at) => Replacements(n).Select(r => (At: at, Path: n.GetPath(), r.Change, r.Replacement, r.Remove))).ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            var (at, path, change, replacement, remove) = changes[i];

            // A fresh tree per variant: each changes exactly one node of the original. Renumbering changes values, not
            // the shape, so the node sits at the same place in the walk; the path check guards that.
            var root = JsonNode.Parse(source(i + 1).Span)!;
            var fresh = new List<JsonNode>(nodes.Count);
            Collect(root, fresh);
            if (at >= fresh.Count || fresh[at] is not { Parent: { } parent } target || target.GetPath() != path)
            {
                continue;
            }

            if (parent is JsonObject obj)
            {
                var name = target.GetPropertyName();
                if (remove)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = replacement;
                }
            }
            else if (parent is JsonArray array)
            {
                var index = target.GetElementIndex();
                if (remove)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = replacement;
                }
            }

            yield return ($"{path} {change}", JsonSerializer.SerializeToUtf8Bytes(root));
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        if (node.Parent is not null)
        {
            nodes.Add(node);
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }

    private static IEnumerable<(string Change, JsonNode? Replacement, bool Remove)> Replacements(JsonNode node)
    {
        yield return ("removed", null, true);
        yield return ("set to null", null, false);
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                yield return ("emptied", JsonValue.Create(string.Empty), false);
                yield return ("made 100,000 characters long", JsonValue.Create(Huge), false);
                yield return ("turned into a number", JsonValue.Create(42), false);
                yield return ("turned into an object", new JsonObject(), false);
                break;
            case JsonValueKind.Number:
                yield return ("made negative", JsonValue.Create(-1), false);
                yield return ("made 500", JsonValue.Create(500.5), false);
                yield return ("made huge", JsonValue.Create(1e300), false);
                yield return ("made the largest long", JsonValue.Create(long.MaxValue), false);
                yield return ("turned into a string", JsonValue.Create("12abc"), false);
                yield return ("turned into an array", new JsonArray(), false);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                yield return ("turned into a string", JsonValue.Create("yes"), false);
                break;
            case JsonValueKind.Object:
                yield return ("emptied", new JsonObject(), false);
                yield return ("turned into a string", JsonValue.Create("{}"), false);
                yield return ("turned into an array", new JsonArray(), false);
                break;
            case JsonValueKind.Array:
                yield return ("emptied", new JsonArray(), false);
                yield return ("turned into an object", new JsonObject(), false);
                yield return ("given a null item", new JsonArray(JsonValue.Create((string?)null)), false);
                break;
        }
    }
}
