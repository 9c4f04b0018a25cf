using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ChatFlow.Channels.WebChat.Visitors;

/// <summary>
/// Issues and checks visitor tokens: <c>v1.{id}.{signature}</c>, where the id is 16 random bytes
/// and the signature is HMAC-SHA256 over the id with the configured key (base64url, no padding).
/// A named bot's tokens also sign the bot's name, so another bot refuses them even with the same key;
/// the default bot's tokens sign the id alone. Verification is constant-time.
/// </summary>
internal sealed class VisitorTokens
{
    private const string Prefix = "v1.";
    private readonly byte[] _key;
    private readonly string _context;

    /// <param name="signingKey">The HMAC key.</param>
    /// <param name="botName">The name of the bot the tokens are for; null for the default bot.</param>
    public VisitorTokens(string signingKey, string? botName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        _key = Encoding.UTF8.GetBytes(signingKey);

        // A visitor id (base64url) has no ':', so "name:id" cannot be read as another bot's or the default bot's input.
        _context = botName is null ? "chatflow-webchat-visitor:" : "chatflow-webchat-visitor:" + botName + ":";
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

    private byte[] Mac(string visitorId) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(_context + visitorId));
}
