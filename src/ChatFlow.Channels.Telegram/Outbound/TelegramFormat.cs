using System.Globalization;
using System.Text;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// Builds Telegram markup safely. Use it when <see cref="TelegramOptions.ParseMode"/> is HTML or
/// MarkdownV2: every interpolated value is escaped, so a name like <c>&lt;b&gt;</c> or <c>_x_</c> shows
/// as typed instead of breaking the message. <c>TelegramFormat.Html($"Hello, &lt;b&gt;{name}&lt;/b&gt;!")</c>.
/// </summary>
public static class TelegramFormat
{
    private const string MarkdownV2Special = "_*[]()~`>#+-=|{}.!\\";

    /// <summary>Escapes text for Telegram's HTML parse mode (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and <c>"</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeHtml(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            _ = ch switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                _ => sb.Append(ch),
            };
        }

        return sb.ToString();
    }

    /// <summary>Escapes text for Telegram's MarkdownV2 parse mode (every special character gets a backslash).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeMarkdownV2(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (MarkdownV2Special.Contains(ch, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    /// <summary>Formats an HTML template, escaping every interpolated value (formatted with the invariant culture).</summary>
    /// <param name="template">The template: markup in the literal parts, values in the holes.</param>
    /// <returns>The HTML text.</returns>
    public static string Html(FormattableString template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.ToString(new EscapingFormatter(EscapeHtml));
    }

    /// <summary>Formats a MarkdownV2 template, escaping every interpolated value (formatted with the invariant culture).</summary>
    /// <param name="template">The template: markup in the literal parts, values in the holes.</param>
    /// <returns>The MarkdownV2 text.</returns>
    public static string MarkdownV2(FormattableString template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.ToString(new EscapingFormatter(EscapeMarkdownV2));
    }

    private sealed class EscapingFormatter(Func<string?, string> escape) : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) =>
            escape(arg is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : arg?.ToString());
    }
}
