namespace ChatFlow;

/// <summary>
/// A command such as <c>/start ref_summer25</c> or <c>/menu@shop_bot</c>. Deep-link payloads arrive
/// as the arguments of <c>/start</c>.
/// </summary>
public sealed record CommandContent : MessageContent
{
    /// <summary>Creates a command.</summary>
    /// <param name="name">The command name without the leading slash or the <c>@bot</c> suffix.</param>
    /// <param name="argumentText">Everything after the command name, trimmed; empty when there is none.</param>
    public CommandContent(string name, string argumentText = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.ToLowerInvariant();
        ArgumentText = argumentText?.Trim() ?? string.Empty;
        Arguments = ArgumentText.Length == 0
            ? []
            : ArgumentText.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Gets the command name in lower case, without the slash.</summary>
    public string Name { get; }

    /// <summary>Gets the argument text after the command name (a deep-link payload for <c>/start</c>).</summary>
    public string ArgumentText { get; }

    /// <summary>Gets the arguments split on white space.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// Parses text that starts with <c>/</c> into a command. A <c>@botname</c> suffix on the command
    /// name is removed.
    /// </summary>
    /// <param name="text">The message text.</param>
    /// <param name="command">The parsed command.</param>
    /// <returns><see langword="true"/> when the text is a command.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CommandContent? command)
    {
        command = null;
        if (string.IsNullOrEmpty(text) || text[0] != '/' || text.Length < 2 || char.IsWhiteSpace(text[1]))
        {
            return false;
        }

        var span = text.AsSpan(1);
        var end = span.IndexOfAny(' ', '\n', '\t');
        var head = end < 0 ? span : span[..end];
        var at = head.IndexOf('@');
        if (at >= 0)
        {
            head = head[..at];
        }

        if (head.IsEmpty)
        {
            return false;
        }

        command = new CommandContent(head.ToString(), end < 0 ? string.Empty : span[(end + 1)..].ToString());
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => ArgumentText.Length == 0 ? "/" + Name : $"/{Name} {ArgumentText}";
}
