using ChatFlow.Channels.WebChat.Visitors;

namespace ChatFlow.Channels.WebChat.Tests.Visitors;

public sealed class VisitorTokensTests
{
    private readonly VisitorTokens _tokens = new(WebChatHost.Key);

    [Fact]
    public void Verify_IssuedToken_ReturnsItsVisitorId()
    {
        var token = _tokens.Issue();

        var id = _tokens.Verify(token);

        Assert.NotNull(id);
        Assert.Equal(token, _tokens.Sign(id));
    }

    [Fact]
    public void Issue_TwoVisitors_GetDifferentIds()
    {
        Assert.NotEqual(_tokens.Verify(_tokens.Issue()), _tokens.Verify(_tokens.Issue()));
    }

    [Fact]
    public void Verify_AnotherVisitorsIdWithOwnSignature_ReturnsNull()
    {
        var mine = _tokens.Issue();
        var theirs = _tokens.Verify(_tokens.Issue())!;
        var signature = mine[(mine.LastIndexOf('.') + 1)..];

        Assert.Null(_tokens.Verify("v1." + theirs + "." + signature));
    }

    [Fact]
    public void Verify_TokenSignedWithAnotherKey_ReturnsNull()
    {
        var other = new VisitorTokens("another-signing-key-0123456789abcdef-xyz");

        Assert.Null(_tokens.Verify(other.Issue()));
    }

    [Fact]
    public void Verify_TokenOfAnotherBotWithTheSameKey_ReturnsNull()
    {
        var sales = new VisitorTokens(WebChatHost.Key, "sales");
        var support = new VisitorTokens(WebChatHost.Key, "support");
        var token = sales.Issue();

        Assert.NotNull(sales.Verify(token));
        Assert.Null(support.Verify(token));
        Assert.Null(_tokens.Verify(token));
        Assert.Null(sales.Verify(_tokens.Issue()));
    }

    [Fact]
    public void Sign_DefaultBot_KeepsTheFormatOfEarlierTokens()
    {
        var id = _tokens.Verify(_tokens.Issue())!;
        var mac = System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(WebChatHost.Key), System.Text.Encoding.UTF8.GetBytes("chatflow-webchat-visitor:" + id));

        Assert.Equal("v1." + id + "." + System.Buffers.Text.Base64Url.EncodeToString(mac), _tokens.Sign(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1.")]
    [InlineData("v1.abc")]
    [InlineData("v1.abc.")]
    [InlineData("v2.abc.def")]
    [InlineData("v1.abc.not base64!")]
    [InlineData("v1.abc.AAAA")]
    public void Verify_MalformedToken_ReturnsNull(string token)
    {
        Assert.Null(_tokens.Verify(token));
    }

    [Fact]
    public void Verify_OneSignatureCharacterChanged_ReturnsNull()
    {
        var token = _tokens.Issue();
        var last = token[^1] == 'A' ? 'B' : 'A';

        Assert.Null(_tokens.Verify(token[..^1] + last));
    }
}
