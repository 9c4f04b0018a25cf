namespace ChatFlow;

/// <summary>Normalizes phone numbers to E.164 (<c>+79991234567</c>).</summary>
public static class PhoneNumber
{
    /// <summary>
    /// Normalizes a phone number written by a person: spaces, dashes, dots and parentheses are
    /// dropped, <c>00</c> becomes <c>+</c>, and a number without a country code gets
    /// <paramref name="defaultCountryCode"/> (dropping a national trunk prefix <c>0</c>, or <c>8</c> for code 7).
    /// </summary>
    /// <param name="text">The number as written.</param>
    /// <param name="defaultCountryCode">The country calling code for numbers written without one (for example <c>7</c> or <c>44</c>), or null to require one.</param>
    /// <param name="e164">The normalized number.</param>
    /// <returns><see langword="true"/> when the text is a plausible phone number.</returns>
    public static bool TryNormalize(string? text, string? defaultCountryCode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        Span<char> digits = stackalloc char[40];
        var count = 0;
        var plus = false;
        foreach (var ch in text.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(ch))
            {
                digits[count++] = ch;
            }
            else if (ch == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (ch is not (' ' or '-' or '(' or ')' or '.' or '\u00A0'))
            {
                return false;
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        string? country = null;
        if (!plus && number.StartsWith("00"))
        {
            number = number[2..];
            plus = true;
        }

        if (!plus)
        {
            if (!string.IsNullOrEmpty(defaultCountryCode))
            {
                var cc = defaultCountryCode.TrimStart('+');
                if (number.StartsWith(cc) && number.Length >= 11)
                {
                    // Already carries the country code.
                }
                else if (cc == "7" && number.Length == 11 && number[0] == '8')
                {
                    number = number[1..];
                    country = cc;
                }
                else if (number.Length > 0 && number[0] == '0')
                {
                    number = number[1..];
                    country = cc;
                }
                else
                {
                    country = cc;
                }
            }
            else if (number.Length < 11)
            {
                return false;
            }
        }

        var total = number.Length + (country?.Length ?? 0);
        if (total is < 8 or > 15 || (country is null && number.Length > 0 && number[0] == '0'))
        {
            return false;
        }

        e164 = string.Concat("+", country, number);
        return true;
    }
}
