namespace ChatFlow;

/// <summary>Compares user text the way people mean it: ignoring case, surrounding and repeated white space.</summary>
internal static class TextMatcher
{
    public static bool Equivalent(string? input, string expected)
    {
        if (input is null)
        {
            return false;
        }

        var a = input.AsSpan().Trim();
        var b = expected.AsSpan().Trim();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var ca = a[i];
            var cb = b[j];
            if (char.IsWhiteSpace(ca) && char.IsWhiteSpace(cb))
            {
                while (i < a.Length && char.IsWhiteSpace(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsWhiteSpace(b[j]))
                {
                    j++;
                }

                continue;
            }

            if (ca != cb && char.ToLowerInvariant(ca) != char.ToLowerInvariant(cb))
            {
                return false;
            }

            i++;
            j++;
        }

        return i == a.Length && j == b.Length;
    }

    public static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
