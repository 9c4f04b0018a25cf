using ChatFlow;
using ChatFlow.Testing;

namespace ChatFlow.Tests.Runtime;

public class RenderingTests
{
    private static Scenario Saying(OutgoingMessage message) => Scenario.Define("t", s =>
        s.Step("a").OnAnyText().Say(message).Stay().OnButton("x").Stay().When("pressed", c => c.Message.Content is ButtonContent).Do((c, _) =>
        {
            c.Say("pressed " + ((ButtonContent)c.Message.Content).Payload);
            return default;
        }).Stay());

    [Fact]
    public async Task LongText_IsSplitAtBoundaries_KeyboardOnTheLastPart()
    {
        var paragraph = string.Join(" ", Enumerable.Repeat("word", 30));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 6));
        var caps = ChannelCapabilities.Full with { MaxTextLength = 400 };
        await using var t = new ChatTester(Saying(new OutgoingMessage(text, Buttons.Rows(["OK"]))), capabilities: caps);
        await t.SendAsync("go");
        Assert.True(t.Replies.Count > 1);
        Assert.All(t.Replies, r => Assert.True(r.Text!.Length <= 400));
        Assert.All(t.Replies, r => Assert.StartsWith("word", r.Text!, StringComparison.Ordinal));
        Assert.All(t.Replies, r => Assert.EndsWith("word", r.Text!, StringComparison.Ordinal));
        Assert.Null(t.Replies[0].Keyboard);
        Assert.NotNull(t.Replies[^1].Keyboard);
        // Every cut fell on a paragraph boundary: joining the parts with one restores the text.
        Assert.Equal(text, string.Join("\n\n", t.Replies.Select(r => r.Text)));
    }

    [Fact]
    public async Task TextWithoutBoundaries_IsCutHard()
    {
        var text = new string('x', 1000);
        await using var t = new ChatTester(Saying(text), capabilities: ChannelCapabilities.Full with { MaxTextLength = 300 });
        await t.SendAsync("go");
        Assert.Equal([300, 300, 300, 100], t.Replies.Select(r => r.Text!.Length));
    }

    [Fact]
    public async Task TextOnlyChannel_GetsNumberedOptionsAndLinks()
    {
        var keyboard = new Keyboard([[Button.Reply("Catalog"), Button.Callback("Order", "order:1")], [Button.Link("Site", "https://example.com"), Button.RequestContact("Share phone")]]);
        await using var t = new ChatTester(Saying(new OutgoingMessage("Pick", keyboard)), capabilities: ChannelCapabilities.TextOnly);
        await t.SendAsync("go");
        var reply = Assert.Single(t.Replies);
        Assert.Null(reply.Keyboard);
        Assert.Equal("Pick\n1. Catalog\n2. Order\nSite: https://example.com", reply.Text);
    }

    [Fact]
    public async Task UnsupportedButtonKinds_Degrade()
    {
        var caps = ChannelCapabilities.Full with { SupportsUrlButtons = false, SupportsRequestLocation = false };
        var keyboard = new Keyboard([[Button.Reply("A"), Button.RequestLocation("Where am I")], [Button.Link("Site", "https://example.com")]]);
        await using var t = new ChatTester(Saying(new OutgoingMessage("Pick", keyboard)), capabilities: caps);
        await t.SendAsync("go");
        var reply = Assert.Single(t.Replies);
        Assert.Equal(["A"], reply.Keyboard!.AllButtons.Select(b => b.Label));
        Assert.EndsWith("Site: https://example.com", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WideRows_Wrap_AndButtonCountIsCapped()
    {
        var caps = ChannelCapabilities.Full with { MaxButtonsPerRow = 2, MaxButtons = 5 };
        var keyboard = Buttons.Rows(["1", "2", "3", "4", "5"], ["6", "7"]);
        await using var t = new ChatTester(Saying(new OutgoingMessage("Pick", keyboard)), capabilities: caps);
        await t.SendAsync("go");
        var rows = t.Replies[0].Keyboard!.Rows.Select(r => string.Join(",", r.Select(b => b.Label))).ToArray();
        Assert.Equal(["1,2", "3,4", "5"], rows);
    }

    [Fact]
    public async Task LongCallbackPayload_IsTokenized_AndResolvedWhenPressed()
    {
        var payload = "product:" + new string('p', 100);
        var keyboard = new Keyboard([[Button.Callback("Buy", payload)]], inline: true);
        await using var t = new ChatTester(Saying(new OutgoingMessage("Pick", keyboard)));
        await t.SendAsync("go");
        var sent = t.Replies[0].Keyboard!.AllButtons.Single().EffectivePayload;
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(sent) <= 64);
        Assert.NotEqual(payload, sent);
        (await t.PressAsync("Buy")).ShouldReply("pressed " + payload);
    }

    [Fact]
    public async Task LongReplyButtonPayload_IsTokenizedToo()
    {
        var payload = "{\"product\":\"" + new string('p', 300) + "\"}";
        var keyboard = new Keyboard([[new Button("Buy", ButtonKind.Reply, payload)]]);
        await using var t = new ChatTester(Saying(new OutgoingMessage("Pick", keyboard)), capabilities: ChannelCapabilities.Full with { MaxButtonPayloadBytes = 255 });
        await t.SendAsync("go");
        var sent = t.Replies[0].Keyboard!.AllButtons.Single();
        Assert.Equal(ButtonKind.Reply, sent.Kind);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(sent.Payload!) <= 255);
        (await t.SendAsync(new ButtonContent(sent.Payload!, "Buy"))).ShouldReply("pressed " + payload);
    }

    [Fact]
    public async Task MediaWithLongCaption_SendsTheRestAsText()
    {
        var caption = string.Join(" ", Enumerable.Repeat("caption", 40));
        var message = new OutgoingMessage(caption) { Media = MediaAttachment.PhotoFromUrl("https://example.com/a.jpg") };
        await using var t = new ChatTester(Saying(message), capabilities: ChannelCapabilities.Full with { MaxCaptionLength = 100 });
        await t.SendAsync("go");
        Assert.Equal(2, t.Replies.Count);
        Assert.NotNull(t.Replies[0].Media);
        Assert.True(t.Replies[0].Text!.Length <= 100);
        Assert.Null(t.Replies[1].Media);
        Assert.Equal(caption, t.Replies[0].Text + " " + t.Replies[1].Text);
    }

    [Fact]
    public async Task MediaOnChannelWithoutMedia_BecomesALink()
    {
        var message = new OutgoingMessage("Our shop") { Media = MediaAttachment.PhotoFromUrl("https://example.com/a.jpg") };
        await using var t = new ChatTester(Saying(message), capabilities: ChannelCapabilities.TextOnly);
        await t.SendAsync("go");
        Assert.Equal("Our shop\nhttps://example.com/a.jpg", Assert.Single(t.Replies).Text);
    }

    [Fact]
    public void CapabilityWarnings_AreLoggedAtBuild()
    {
        var scenario = Scenario.Define("t", s => s.Step("a").Say(new OutgoingMessage("Phone?", new Keyboard([[Button.RequestContact("Share")]]))).OnText("x").Stay());
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger();
        using var factory = new SingleLoggerFactory(logger);
        ChatBot.Create(b => b.AddScenario(scenario).AddChannel(new TestChannel(ChannelCapabilities.TextOnly)).UseLoggerFactory(factory));
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("button 'Share'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("step a", warning.Message, StringComparison.Ordinal);
        Assert.Equal(11, warning.Id.Id);
    }

    private sealed class SingleLoggerFactory(Microsoft.Extensions.Logging.ILogger logger) : Microsoft.Extensions.Logging.ILoggerFactory
    {
        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
