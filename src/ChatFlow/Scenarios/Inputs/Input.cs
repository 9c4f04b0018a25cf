using System.Globalization;
using System.Net.Mail;

namespace ChatFlow;

/// <summary>Built-in inputs for questions: text, numbers, phone, email, date, yes/no and choices.</summary>
public static class Input
{
    private static readonly string[] DefaultYes = ["yes", "y", "yeah", "yep", "sure", "ok", "okay", "да", "ага", "конечно"];
    private static readonly string[] DefaultNo = ["no", "n", "nope", "нет", "не"];
    private static readonly string[] DefaultDateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yy", "d MMMM yyyy", "d MMM yyyy"];

    /// <summary>Free text of a bounded length (trimmed).</summary>
    /// <param name="minLength">The fewest characters accepted.</param>
    /// <param name="maxLength">The most characters accepted.</param>
    /// <param name="error">What to say when the length is off; a default names the bounds.</param>
    /// <returns>The input.</returns>
    public static InputSpec<string> Text(int minLength = 1, int maxLength = 1000, string? error = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, Math.Max(1, minLength));
        var message = error ?? $"Please send text of {minLength} to {maxLength} characters.";
        return new($"text {minLength}..{maxLength}", m =>
        {
            if (m.Content is not TextContent t)
            {
                return InputResult.Invalid(message);
            }

            var text = t.Text.Trim();
            return text.Length >= minLength && text.Length <= maxLength ? InputResult.Valid(text) : InputResult.Invalid(message);
        });
    }

    /// <summary>A whole number in a range.</summary>
    /// <param name="min">The smallest value accepted.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="error">What to say when the answer is not such a number.</param>
    /// <returns>The input.</returns>
    public static InputSpec<long> Integer(long min = long.MinValue, long max = long.MaxValue, string? error = null)
    {
        var message = error ?? (min == long.MinValue && max == long.MaxValue ? "Please send a whole number." : $"Please send a whole number from {min} to {max}.");
        return new($"integer {min}..{max}", m =>
            TextOf(m) is { } s && long.TryParse(s.Replace(" ", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? InputResult.Valid(v)
                : InputResult.Invalid(message));
    }

    /// <summary>A decimal number in a range; a comma or a dot separates the fraction.</summary>
    /// <param name="min">The smallest value accepted.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="error">What to say when the answer is not such a number.</param>
    /// <returns>The input.</returns>
    public static InputSpec<decimal> Decimal(decimal min = decimal.MinValue, decimal max = decimal.MaxValue, string? error = null)
    {
        var message = error ?? (min == decimal.MinValue && max == decimal.MaxValue ? "Please send a number." : $"Please send a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        return new($"decimal {min}..{max}", m =>
            TextOf(m) is { } s && decimal.TryParse(s.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? InputResult.Valid(v)
                : InputResult.Invalid(message));
    }

    /// <summary>
    /// A phone number, normalized to E.164. On channels with a "share my phone" button the question
    /// offers one, and a shared contact is accepted as the answer.
    /// </summary>
    /// <param name="defaultCountryCode">The country calling code for numbers written without one, or null to require one.</param>
    /// <param name="shareButton">The label of the "share my phone" button.</param>
    /// <param name="error">What to say when the answer is not a phone number.</param>
    /// <returns>The input.</returns>
    public static InputSpec<string> Phone(string? defaultCountryCode = null, string shareButton = "Share my phone", string? error = null)
    {
        var message = error ?? "Please send a phone number with the country code, like +1 555 123 4567.";
        return new(
            "phone",
            m =>
            {
                var raw = m.Content switch
                {
                    ContactContent c => c.PhoneNumber,
                    TextContent t => t.Text,
                    _ => null,
                };
                if (m.Content is ContactContent && raw is not null && !raw.StartsWith('+') && !raw.StartsWith("00", StringComparison.Ordinal))
                {
                    raw = "+" + raw;
                }

                return PhoneNumber.TryNormalize(raw, defaultCountryCode, out var e164) ? InputResult.Valid(e164) : InputResult.Invalid(message);
            },
            caps => caps.SupportsRequestContact ? new Keyboard([[Button.RequestContact(shareButton)]]) { OneTime = true } : null);
    }

    /// <summary>An email address (lower-cased).</summary>
    /// <param name="error">What to say when the answer is not an email address.</param>
    /// <returns>The input.</returns>
    public static InputSpec<string> Email(string? error = null)
    {
        var message = error ?? "Please send an email address, like name@example.com.";
        return new("email", m =>
        {
            var s = TextOf(m);
            if (s is null || s.Length > 254 || s.Contains(' ', StringComparison.Ordinal) || !MailAddress.TryCreate(s, out var address)
                || address.Address != s || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.EndsWith('.'))
            {
                return InputResult.Invalid(message);
            }

            return InputResult.Valid(s.ToLowerInvariant());
        });
    }

    /// <summary>A calendar date.</summary>
    /// <param name="formats">The accepted formats; by default ISO <c>yyyy-MM-dd</c>, <c>dd.MM.yyyy</c>, <c>dd/MM/yyyy</c> and month names.</param>
    /// <param name="culture">The culture for month names; invariant by default.</param>
    /// <param name="error">What to say when the answer is not a date.</param>
    /// <returns>The input.</returns>
    public static InputSpec<DateOnly> Date(string[]? formats = null, CultureInfo? culture = null, string? error = null)
    {
        var accepted = formats ?? DefaultDateFormats;
        var provider = culture ?? CultureInfo.InvariantCulture;
        var message = error ?? $"Please send a date, like {new DateOnly(2026, 12, 31).ToString(accepted[0], provider)}.";
        return new("date", m =>
            TextOf(m) is { } s && DateOnly.TryParseExact(s, accepted, provider, DateTimeStyles.AllowWhiteSpaces, out var d)
                ? InputResult.Valid(d)
                : InputResult.Invalid(message));
    }

    /// <summary>A yes-or-no answer, offered as two buttons.</summary>
    /// <param name="yes">The "yes" button label; also accepted typed.</param>
    /// <param name="no">The "no" button label; also accepted typed.</param>
    /// <param name="error">What to say when the answer is neither.</param>
    /// <returns>The input.</returns>
    public static InputSpec<bool> YesNo(string yes = "Yes", string no = "No", string? error = null)
    {
        var message = error ?? $"Please answer {yes} or {no}.";
        return new(
            "yes/no",
            m =>
            {
                var s = AnswerOf(m);
                if (s is null)
                {
                    return InputResult.Invalid(message);
                }

                if (TextMatcher.Equivalent(s, yes) || DefaultYes.Any(y => TextMatcher.Equivalent(s, y)))
                {
                    return InputResult.Valid(true);
                }

                return TextMatcher.Equivalent(s, no) || DefaultNo.Any(n => TextMatcher.Equivalent(s, n))
                    ? InputResult.Valid(false)
                    : InputResult.Invalid(message);
            },
            _ => new Keyboard([[Button.Reply(yes), Button.Reply(no)]]) { OneTime = true });
    }

    /// <summary>One of a set of options, offered as buttons; the option's label or its number is accepted.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The input.</returns>
    public static InputSpec<string> Choice(params string[] options) => Choice(options, null);

    /// <summary>One of a set of options, offered as buttons; the option's label or its number is accepted.</summary>
    /// <param name="options">The options.</param>
    /// <param name="error">What to say when the answer is none of them.</param>
    /// <returns>The input.</returns>
    public static InputSpec<string> Choice(IReadOnlyList<string> options, string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0)
        {
            throw new ArgumentException("A choice needs at least one option.", nameof(options));
        }

        var list = options.ToArray();
        var message = error ?? "Please pick one of the buttons.";
        var keyboard = list.Length <= 3 && list.Sum(o => o.Length) <= 30
            ? new Keyboard([list.Select(Button.Reply).ToArray()]) { OneTime = true }
            : Keyboard.Column(list.Select(Button.Reply)).AsOneTime();
        return new(
            "one of " + string.Join(" | ", list),
            m =>
            {
                var s = AnswerOf(m);
                if (s is null)
                {
                    return InputResult.Invalid(message);
                }

                foreach (var option in list)
                {
                    if (TextMatcher.Equivalent(s, option))
                    {
                        return InputResult.Valid(option);
                    }
                }

                return int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= list.Length
                    ? InputResult.Valid(list[n - 1])
                    : InputResult.Invalid(message);
            },
            _ => keyboard);
    }

    /// <summary>An input read by your own function.</summary>
    /// <typeparam name="T">The type of the collected value; must be one a conversation can store.</typeparam>
    /// <param name="description">What is expected, for diagrams and logs.</param>
    /// <param name="read">Reads a message into a result.</param>
    /// <returns>The input.</returns>
    public static InputSpec<T> Custom<T>(string description, Func<IncomingMessage, InputResult> read)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(read);
        var type = typeof(T) == typeof(int) ? typeof(long) : typeof(T);
        if (!ConversationValues.IsSupported(type))
        {
            throw new ArgumentException($"Values of type {typeof(T).Name} cannot be stored with a conversation.", nameof(T));
        }

        return new(description, read);
    }

    private static string? TextOf(IncomingMessage m) => m.Content is TextContent t ? t.Text.Trim() : null;

    private static string? AnswerOf(IncomingMessage m) => m.Content switch
    {
        TextContent t => t.Text,
        ButtonContent b => b.Payload,
        _ => null,
    };
}
