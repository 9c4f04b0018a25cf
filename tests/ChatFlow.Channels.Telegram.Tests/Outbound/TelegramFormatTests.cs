namespace ChatFlow.Channels.Telegram.Tests;

public sealed class TelegramFormatTests
{
    [Fact]
    public void EscapeHtml_MarkupCharacters_AreEscaped() =>
        Assert.Equal("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;", TelegramFormat.EscapeHtml("<b>Tom & \"Jerry\"</b>"));

    [Fact]
    public void EscapeMarkdownV2_SpecialCharacters_GetABackslash() =>
        Assert.Equal(@"\_x\_ \*y\* \[a\]\(b\) 1\.5\! \\", TelegramFormat.EscapeMarkdownV2(@"_x_ *y* [a](b) 1.5! \"));

    [Fact]
    public void Html_InterpolatedValues_AreEscapedButTemplateMarkupIsKept()
    {
        var name = "<b>";
        var price = 12.5m;

        Assert.Equal("<b>&lt;b&gt;</b> pays 12.50", TelegramFormat.Html($"<b>{name}</b> pays {price:F2}"));
    }

    [Fact]
    public void MarkdownV2_InterpolatedValues_AreEscaped()
    {
        var name = "_x_";

        Assert.Equal(@"*\_x\_* ordered", TelegramFormat.MarkdownV2($"*{name}* ordered"));
    }

    [Fact]
    public void Escape_NullOrEmpty_ReturnsEmpty()
    {
        Assert.Equal(string.Empty, TelegramFormat.EscapeHtml(null));
        Assert.Equal(string.Empty, TelegramFormat.EscapeMarkdownV2(string.Empty));
    }
}
