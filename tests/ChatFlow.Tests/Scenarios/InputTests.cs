using ChatFlow;

namespace ChatFlow.Tests.Scenarios;

public class InputTests
{
    private static IncomingMessage Text(string text) => new(new ConversationAddress(ChannelId.Test, "1"), new ChatUser("1"), new TextContent(text));

    [Theory]
    [InlineData("+7 999 123 45 67", null, "+79991234567")]
    [InlineData("+7 (999) 123-45-67", null, "+79991234567")]
    [InlineData("0044 20 7946 0958", null, "+442079460958")]
    [InlineData("79991234567", null, "+79991234567")]
    [InlineData("8 999 123 45 67", "7", "+79991234567")]
    [InlineData("020 7946 0958", "44", "+442079460958")]
    [InlineData("999 123 45 67", "+7", "+79991234567")]
    public void PhoneNumber_Normalizes_ToE164(string input, string? country, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(input, country, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("+7 999")]
    [InlineData("12345")]
    [InlineData("+1234567890123456")]
    [InlineData("+7 999 123 45 67 ext 5")]
    [InlineData("")]
    public void PhoneNumber_RejectsNonsense(string input)
    {
        Assert.False(PhoneNumber.TryNormalize(input, null, out _));
    }

    [Fact]
    public void Phone_AcceptsSharedContact_AndOffersShareButtonOnlyWhereSupported()
    {
        var input = Input.Phone();
        var contact = new IncomingMessage(new ConversationAddress(ChannelId.Test, "1"), new ChatUser("1"), new ContactContent("79991234567"));
        Assert.Equal("+79991234567", input.Read(contact).Value);
        Assert.Equal(ButtonKind.RequestContact, input.GetKeyboard(ChannelCapabilities.Full)!.Rows[0][0].Kind);
        Assert.Null(input.GetKeyboard(ChannelCapabilities.Full with { SupportsRequestContact = false }));
    }

    [Theory]
    [InlineData("anna@example.com", true)]
    [InlineData(" Anna@Example.COM ", true)]
    [InlineData("anna@example", false)]
    [InlineData("anna example.com", false)]
    [InlineData("Anna <anna@example.com>", false)]
    public void Email_ValidatesAddresses(string text, bool valid)
    {
        Assert.Equal(valid, Input.Email().Read(Text(text)).IsValid);
    }

    [Fact]
    public void Email_LowerCases()
    {
        Assert.Equal("anna@example.com", Input.Email().Read(Text("Anna@Example.com")).Value);
    }

    [Theory]
    [InlineData("2026-12-31")]
    [InlineData("31.12.2026")]
    [InlineData("31/12/2026")]
    [InlineData("31 December 2026")]
    public void Date_ParsesCommonFormats(string text)
    {
        Assert.Equal(new DateOnly(2026, 12, 31), Input.Date().Read(Text(text)).Value);
    }

    [Fact]
    public void Integer_EnforcesRange()
    {
        var input = Input.Integer(1, 10);
        Assert.Equal(7L, input.Read(Text(" 7 ")).Value);
        Assert.False(input.Read(Text("11")).IsValid);
        Assert.False(input.Read(Text("seven")).IsValid);
        Assert.Contains("1 to 10", input.Read(Text("0")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_AcceptsCommaOrDot()
    {
        var input = Input.Decimal(0, 100);
        Assert.Equal(12.5m, input.Read(Text("12,5")).Value);
        Assert.Equal(12.5m, input.Read(Text("12.5")).Value);
        Assert.False(input.Read(Text("-1")).IsValid);
    }

    [Fact]
    public void Text_TrimsAndChecksLength()
    {
        var input = Input.Text(minLength: 2, maxLength: 5);
        Assert.Equal("Anna", input.Read(Text("  Anna ")).Value);
        Assert.False(input.Read(Text("A")).IsValid);
        Assert.False(input.Read(Text("Annabel")).IsValid);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Да", true)]
    [InlineData("  YES  ", true)]
    [InlineData("no", false)]
    [InlineData("нет", false)]
    public void YesNo_UnderstandsSynonyms(string text, bool expected)
    {
        Assert.Equal(expected, Input.YesNo().Read(Text(text)).Value);
    }

    [Fact]
    public void Choice_AcceptsLabelOrNumber()
    {
        var input = Input.Choice("Small", "Medium", "Large");
        Assert.Equal("Medium", input.Read(Text("medium")).Value);
        Assert.Equal("Large", input.Read(Text("3")).Value);
        Assert.False(input.Read(Text("4")).IsValid);
        Assert.Equal(3, input.GetKeyboard(ChannelCapabilities.Full)!.Count);
    }

    [Fact]
    public void Validate_AddsCustomRules()
    {
        var input = Input.Integer(1, 100).Validate(v => v % 2 == 0, "Even numbers only.");
        Assert.True(input.Read(Text("4")).IsValid);
        Assert.Equal("Even numbers only.", input.Read(Text("5")).Error);
    }

    [Fact]
    public void Custom_RejectsUnstorableTypes()
    {
        Assert.Throws<ArgumentException>(() => Input.Custom<Uri>("uri", _ => InputResult.Invalid("x")));
        Assert.Equal(typeof(long), Input.Custom<long>("n", _ => InputResult.Valid(1L)).ValueType);
    }
}
