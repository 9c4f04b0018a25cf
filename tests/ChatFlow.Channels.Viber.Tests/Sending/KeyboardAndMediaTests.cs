using System.Text.Json.Nodes;

namespace ChatFlow.Channels.Viber.Tests;

public sealed class KeyboardAndMediaTests
{
    private static JsonArray Buttons(RecordedRequest request) => request.Json["keyboard"]!["Buttons"]!.AsArray();

    [Theory]
    [InlineData(1, new[] { 6 })]
    [InlineData(2, new[] { 3, 3 })]
    [InlineData(3, new[] { 2, 2, 2 })]
    [InlineData(4, new[] { 2, 2, 1, 1 })]
    [InlineData(5, new[] { 2, 1, 1, 1, 1 })]
    [InlineData(6, new[] { 1, 1, 1, 1, 1, 1 })]
    public async Task SendAsync_RowOfButtons_SharesSixColumns(int count, int[] columns)
    {
        await using var h = await ViberHarness.StartAsync();
        var row = Enumerable.Range(1, count).Select(i => Button.Reply("B" + i)).ToArray();

        await h.SendAsync(new OutgoingMessage("Pick", Keyboard.Row(row)));

        var buttons = Buttons(Assert.Single(h.Server.Requests));
        Assert.Equal(columns, buttons.Select(b => b!["Columns"]!.GetValue<int>()));
        Assert.All(buttons, b => Assert.Equal(1, b!["Rows"]!.GetValue<int>()));
    }

    [Fact]
    public async Task SendAsync_EveryButtonKind_UsesItsViberActionType()
    {
        await using var h = await ViberHarness.StartAsync(o => o.ActionButtonBackgroundColor = "#FFAA00");
        var keyboard = new Keyboard(
        [
            [Button.Reply("Menu"), Button.Callback("Buy", "buy:42")],
            [Button.Link("Site", "https://example.com/shop")],
            [Button.RequestContact("Share phone"), Button.RequestLocation("Share location")],
        ]);

        await h.SendAsync(new OutgoingMessage("Pick", keyboard));

        var request = Assert.Single(h.Server.Requests);
        var buttons = Buttons(request);
        Assert.Equal(["reply", "reply", "open-url", "share-phone", "location-picker"], buttons.Select(b => b!["ActionType"]!.GetValue<string>()));
        Assert.Equal(["Menu", KeyboardRenderer.CallbackPrefix + "buy:42", "https://example.com/shop", "share_phone", "location"], buttons.Select(b => b!["ActionBody"]!.GetValue<string>()));
        Assert.Equal(["Menu", "Buy", "Site", "Share phone", "Share location"], buttons.Select(b => b!["Text"]!.GetValue<string>()));
        Assert.True(buttons[1]!["Silent"]!.GetValue<bool>());
        Assert.Null(buttons[0]!["Silent"]);
        Assert.Equal([null, null, "#FFAA00", "#FFAA00", "#FFAA00"], buttons.Select(b => b!["BgColor"]?.GetValue<string>()));
        Assert.Equal(3, request.Json["min_api_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task SendAsync_PlainKeyboard_KeepsTheConfiguredApiVersionAndLook()
    {
        await using var h = await ViberHarness.StartAsync(o =>
        {
            o.MinApiVersion = 2;
            o.KeyboardBackgroundColor = "#FFFFFF";
            o.KeyboardDefaultHeight = true;
            o.ButtonTextSize = "large";
        });

        await h.SendAsync(new OutgoingMessage("Pick", global::ChatFlow.Buttons.Rows(["A"])));

        var json = Assert.Single(h.Server.Requests).Json;
        Assert.Equal(2, json["min_api_version"]!.GetValue<int>());
        Assert.Equal("#FFFFFF", json["keyboard"]!["BgColor"]!.GetValue<string>());
        Assert.True(json["keyboard"]!["DefaultHeight"]!.GetValue<bool>());
        Assert.Equal("large", json["keyboard"]!["Buttons"]![0]!["TextSize"]!.GetValue<string>());
        Assert.Equal("ChatFlow Demo", json["sender"]!["name"]!.GetValue<string>());
        Assert.Null(json["sender"]!["avatar"]);
    }

    [Fact]
    public async Task SendAsync_KeyboardWithoutText_SendsAnInvisibleText()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.SendAsync(new OutgoingMessage(null, global::ChatFlow.Buttons.Rows(["A"])));

        var json = Assert.Single(h.Server.Requests).Json;
        Assert.Equal(("text", MessageRenderer.KeyboardOnlyText), (json["type"]!.GetValue<string>(), json["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SendAsync_Picture_SendsPictureWithCaptionAndKeyboard()
    {
        await using var h = await ViberHarness.StartAsync();
        var message = new OutgoingMessage("Our beans", global::ChatFlow.Buttons.Rows(["Order"])) { Media = MediaAttachment.PhotoFromUrl("https://example.com/beans.jpg") };

        await h.SendAsync(message);

        var json = Assert.Single(h.Server.Requests).Json;
        Assert.Equal("picture", json["type"]!.GetValue<string>());
        Assert.Equal("https://example.com/beans.jpg", json["media"]!.GetValue<string>());
        Assert.Equal("Our beans", json["text"]!.GetValue<string>());
        Assert.NotNull(json["keyboard"]);
    }

    [Fact]
    public async Task SendAsync_Document_AsksTheSizeAndSendsAFileAfterItsCaption()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Files["/media/price list.pdf"] = 20480;
        var url = new Uri(h.Server.Root, "media/price%20list.pdf").AbsoluteUri;
        var message = new OutgoingMessage("Our prices", global::ChatFlow.Buttons.Rows(["Order"])) { Media = MediaAttachment.DocumentFromUrl(url) };

        var result = await h.SendAsync(message);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Contains(h.Server.Requests, r => r.HttpMethod == "HEAD");
        var sends = h.Server.Calls("send_message");
        Assert.Equal(2, sends.Count);
        Assert.Equal(("text", "Our prices"), (sends[0].Json["type"]!.GetValue<string>(), sends[0].Json["text"]!.GetValue<string>()));
        Assert.Null(sends[0].Json["keyboard"]);
        Assert.Equal("file", sends[1].Json["type"]!.GetValue<string>());
        Assert.Equal(20480, sends[1].Json["size"]!.GetValue<long>());
        Assert.Equal("price list.pdf", sends[1].Json["file_name"]!.GetValue<string>());
        Assert.NotNull(sends[1].Json["keyboard"]);
    }

    [Fact]
    public async Task SendAsync_VideoOfUnknownSize_SentAsALink()
    {
        await using var h = await ViberHarness.StartAsync();
        var url = new Uri(h.Server.Root, "media/missing.mp4").AbsoluteUri;

        await h.SendAsync(new OutgoingMessage(null) { Media = new MediaAttachment(MediaKind.Video, url) });

        var send = Assert.Single(h.Server.Calls("send_message"));
        Assert.Equal(("url", url), (send.Json["type"]!.GetValue<string>(), send.Json["media"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SendAsync_StickerId_SendsASticker()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.SendAsync(new OutgoingMessage(null) { Media = MediaAttachment.FromFileReference(MediaKind.Sticker, "46105") });

        var json = Assert.Single(h.Server.Requests).Json;
        Assert.Equal(("sticker", 46105L), (json["type"]!.GetValue<string>(), json["sticker_id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task SendAsync_UrlKind_SendsAUrlMessage()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.SendAsync(new OutgoingMessage(null) { Media = new MediaAttachment(new MediaKind("url"), "https://example.com/") });

        var json = Assert.Single(h.Server.Requests).Json;
        Assert.Equal(("url", "https://example.com/"), (json["type"]!.GetValue<string>(), json["media"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SendAsync_FileReference_FailsWithAClearError()
    {
        await using var h = await ViberHarness.StartAsync();

        var result = await h.SendAsync(new OutgoingMessage(null) { Media = MediaAttachment.FromFileReference(MediaKind.Document, "BQACAgIAAxkBAAI") });

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("by file reference", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task Capabilities_DeclareViberLimits()
    {
        await using var h = await ViberHarness.StartAsync();

        var caps = h.Channel.Capabilities;

        Assert.Equal((7000, 512, 6, 24, false), (caps.MaxTextLength, caps.MaxCaptionLength, caps.MaxButtonsPerRow, caps.MaxButtons, caps.SupportsEditing));
        Assert.True(caps.SupportsRequestContact && caps.SupportsRequestLocation && caps.SupportsUrlButtons && caps.SupportsInlineKeyboard);
    }

    [Fact]
    public async Task Create_KeyboardLimitAboveWhatFits_WarnsAtStartUp()
    {
        await using var h = await ViberHarness.StartAsync(o => o.MaxKeyboardButtons = 60);

        Assert.Contains(h.LogLines(), l => l.StartsWith("Warning 3025", StringComparison.Ordinal) && l.Contains("60 buttons", StringComparison.Ordinal));
    }
}
