namespace ChatFlow.Channels.Viber;

/// <summary>
/// Keeps every request within Viber's limits: at most 30 KB of JSON and 7000 characters of text.
/// A text message that is too large is split in two at a line or word boundary near its middle
/// (the keyboard stays with the second half), again and again until every part fits.
/// </summary>
internal static class RequestFitter
{
    /// <summary>Viber's documented request limit is 30 KB; this stays under it whichever way "KB" is read.</summary>
    public const int MaxRequestBytes = 30_000;

    public const int MaxTextLength = 7000;

    /// <summary>Returns the serialized parts of a request, or null with <paramref name="error"/> when it cannot be made to fit.</summary>
    public static List<byte[]>? Fit(SendMessageRequest request, out string? error)
    {
        var parts = new List<byte[]>(1);
        error = Fit(request, parts, 0);
        return error is null ? parts : null;
    }

    private static string? Fit(SendMessageRequest request, List<byte[]> parts, int depth)
    {
        var body = ViberApiClient.Serialize(request, ViberJsonContext.Compact.SendMessageRequest);
        var tooLong = request.Type == "text" && request.Text is { Length: > MaxTextLength };
        if (body.Length <= MaxRequestBytes && !tooLong)
        {
            parts.Add(body);
            return null;
        }

        if (request.Type != "text" || request.Text is not { Length: >= 2 } text || depth > 24)
        {
            return $"The Viber message is {body.Length} bytes of JSON; Viber accepts at most {MaxRequestBytes}. Use fewer or shorter buttons.";
        }

        var cut = FindCut(text);
        var first = request.Copy();
        first.Text = text[..cut].TrimEnd();
        first.Keyboard = null;
        var second = request.Copy();
        second.Text = text[cut..].TrimStart();
        if (first.Text.Length == 0 || second.Text.Length == 0)
        {
            first.Text = text[..cut];
            second.Text = text[cut..];
        }

        return Fit(first, parts, depth + 1) ?? Fit(second, parts, depth + 1);
    }

    /// <summary>Finds a cut near the middle: a paragraph, line or word boundary within the middle half, else the middle itself.</summary>
    internal static int FindCut(string text)
    {
        var middle = text.Length / 2;
        var floor = text.Length / 4;
        var window = text.AsSpan(0, middle + 1);
        var at = window.LastIndexOf('\n');
        if (at < floor)
        {
            at = window.LastIndexOfAny(' ', '\t');
        }

        var cut = at >= floor ? at + 1 : middle;
        if (cut > 0 && cut < text.Length && char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        return Math.Clamp(cut, 1, text.Length - 1);
    }
}
