using ChatFlow;

namespace ChatFlow.Tests.Messages;

public class CommandContentTests
{
    [Theory]
    [InlineData("/start", "start", "")]
    [InlineData("/start ref_summer25", "start", "ref_summer25")]
    [InlineData("/menu@chatflow_demo_bot", "menu", "")]
    [InlineData("/Order@shop_bot 2 mugs", "order", "2 mugs")]
    public void TryParse_Commands_SplitsNameAndArguments(string text, string name, string args)
    {
        Assert.True(CommandContent.TryParse(text, out var command));
        Assert.Equal(name, command.Name);
        Assert.Equal(args, command.ArgumentText);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("/")]
    [InlineData("/ start")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("/@bot")]
    public void TryParse_NotACommand_ReturnsFalse(string? text)
    {
        Assert.False(CommandContent.TryParse(text, out _));
    }

    [Fact]
    public void Arguments_SplitOnWhiteSpace()
    {
        var command = new CommandContent("buy", "  2   mugs ");
        Assert.Equal(["2", "mugs"], command.Arguments);
        Assert.Equal("2   mugs", command.ArgumentText);
        Assert.Equal("/buy 2   mugs", command.ToString());
    }

    [Fact]
    public void Text_ReflectsContentKind()
    {
        var address = new ConversationAddress(ChannelId.Test, "1");
        var user = new ChatUser("1");
        Assert.Equal("hi", new IncomingMessage(address, user, new TextContent("hi")).Text);
        Assert.Equal("/start x", new IncomingMessage(address, user, new CommandContent("start", "x")).Text);
        Assert.Equal("Order", new IncomingMessage(address, user, new ButtonContent("order", "Order")).Text);
        Assert.Null(new IncomingMessage(address, user, new LocationContent(1, 2)).Text);
    }

    [Fact]
    public void ChannelId_IsCaseInsensitiveAndValidated()
    {
        Assert.Equal(ChannelId.Telegram, new ChannelId("Telegram"));
        Assert.Throws<ArgumentException>(() => new ChannelId(" "));
    }

    [Fact]
    public void Buttons_Rows_MakesReplyKeyboard()
    {
        var keyboard = Buttons.Rows(["Catalog", "Order"], ["Call an operator"]);
        Assert.False(keyboard.Inline);
        Assert.Equal(2, keyboard.Rows.Count);
        Assert.Equal(3, keyboard.Count);
        Assert.All(keyboard.AllButtons, b => Assert.Equal(ButtonKind.Reply, b.Kind));
        var inline = Buttons.Inline(["A", "B"]);
        Assert.True(inline.Inline);
        Assert.Equal("A", inline.Rows[0][0].EffectivePayload);
    }
}
