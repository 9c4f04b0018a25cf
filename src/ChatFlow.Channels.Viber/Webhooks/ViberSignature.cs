using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// Viber's webhook signature: <c>X-Viber-Content-Signature</c> is the hex HMAC-SHA256 of the exact
/// raw body bytes, keyed by the auth token. Compared in constant time.
/// </summary>
internal static class ViberSignature
{
    public const string Header = "X-Viber-Content-Signature";

    /// <summary>Computes the lowercase hex signature of a body.</summary>
    public static string Compute(string authToken, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(authToken), body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Returns whether <paramref name="signature"/> (hex, any case) signs <paramref name="body"/>.</summary>
    public static bool Verify(string authToken, ReadOnlySpan<byte> body, string? signature)
    {
        var hex = signature.AsSpan().Trim();
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, given, out _, out var written) != OperationStatus.Done || written != given.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(authToken), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
