namespace ChatFlow;

/// <summary>Splits long text into parts a channel accepts, at paragraph, line, sentence or word boundaries.</summary>
internal static class TextSplitter
{
    public static List<string> Split(string text, int maxLength)
    {
        var parts = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > maxLength)
        {
            var cut = FindCut(rest, maxLength);
            var part = rest[..cut].TrimEnd();
            if (!part.IsEmpty)
            {
                parts.Add(part.ToString());
            }

            rest = rest[cut..].TrimStart();
        }

        if (!rest.IsEmpty || parts.Count == 0)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }

    private static int FindCut(ReadOnlySpan<char> text, int max)
    {
        var window = text[..max];
        var floor = max / 2;
        int at;
        if ((at = window.LastIndexOf("\n\n")) >= floor)
        {
            return at + 2;
        }

        if ((at = window.LastIndexOf('\n')) >= floor)
        {
            return at + 1;
        }

        at = Math.Max(Math.Max(window.LastIndexOf(". "), window.LastIndexOf("! ")), Math.Max(window.LastIndexOf("? "), window.LastIndexOf("; ")));
        if (at >= floor)
        {
            return at + 2;
        }

        if ((at = window.LastIndexOfAny(' ', '\t')) >= floor)
        {
            return at + 1;
        }

        // No boundary: cut hard, but never between the halves of a surrogate pair.
        return char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
    }
}
