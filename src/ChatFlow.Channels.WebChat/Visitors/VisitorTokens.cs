using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ChatFlow.Channels.WebChat.Visitors;

/// <summary>
/// Issues and checks visitor tokens: <c>v1.{id}.{signature}</c>, where the id is 16 random bytes
/// and the signature is HMAC-SHA256 over the id with the configured key (base64url, no padding).
/// Verification is constant-time.
/// </summary>
internal sealed class VisitorTokens
{
    private const string Prefix = "v1.";
    private readonly byte[] _key;

    public VisitorTokens(string signingKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    public string Issue()
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        return Sign(id);
    }

    public string Sign(string visitorId) => Prefix + visitorId + "." + Base64Url.EncodeToString(Mac(visitorId));

    /// <summary>Returns the visitor id of a valid token, or null for a malformed or forged one.</summary>
    public string? Verify(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = token.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1)
        {
            return null;
        }

        var id = rest[..dot].ToString();
        if (!Base64Url.IsValid(id) || !Base64Url.IsValid(rest[(dot + 1)..]))
        {
            return null;
        }

        byte[] given;
        try
        {
            given = Base64Url.DecodeFromChars(rest[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(id)) ? id : null;
    }

    private byte[] Mac(string visitorId) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("chatflow-webchat-visitor:" + visitorId));
}
