using System.Text.Json;
using ChatFlow.Channels.Vk.Tests.Fakes;

namespace ChatFlow.Channels.Vk.Tests.Outbound;

public sealed class VkKeyboardTests
{
    private static async Task<IReadOnlyList<RecordedRequest>> SendAsync(VkTestContext vk, OutgoingMessage message)
    {
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery(message), default);
        Assert.Equal(DeliveryStatus.Sent, result.Status);
        return vk.Server.Calls("messages.send");
    }

    private static JsonElement KeyboardOf(RecordedRequest call)
    {
        using var document = JsonDocument.Parse(call["keyboard"]);
        return document.RootElement.Clone();
    }

    private static JsonElement[][] Rows(JsonElement keyboard) =>
        keyboard.GetProperty("buttons").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToArray();

    [Fact]
    public async Task SendAsync_ReplyKeyboard_IsStandardTextButtonsWithoutPayload()
    {
        await using var vk = await VkTestContext.StartAsync();
        var calls = await SendAsync(vk, new OutgoingMessage("Menu", Buttons.Rows(["Catalog", "Order"], ["FAQ"])));
        var keyboard = KeyboardOf(Assert.Single(calls));
        Assert.False(keyboard.GetProperty("one_time").GetBoolean());
        Assert.False(keyboard.TryGetProperty("inline", out _));
        var rows = Rows(keyboard);
        Assert.Equal([2, 1], rows.Select(r => r.Length).ToArray());
        var action = rows[0][0].GetProperty("action");
        Assert.Equal("text", action.GetProperty("type").GetString());
        Assert.Equal("Catalog", action.GetProperty("label").GetString());
        Assert.False(action.TryGetProperty("payload", out _));
        Assert.False(rows[0][0].TryGetProperty("color", out _));
    }

    [Fact]
    public async Task SendAsync_OneTimeKeyboard_SetsOneTime()
    {
        await using var vk = await VkTestContext.StartAsync();
        var calls = await SendAsync(vk, new OutgoingMessage("Sure?", Buttons.Rows(["Yes", "No"]).AsOneTime()));
        Assert.True(KeyboardOf(calls[0]).GetProperty("one_time").GetBoolean());
    }

    [Fact]
    public async Task SendAsync_ReplyButtonWithPayload_CarriesWrappedPayload()
    {
        await using var vk = await VkTestContext.StartAsync();
        var calls = await SendAsync(vk, new OutgoingMessage("Pick", Keyboard.Row(new Button("Кофе", Payload: "coffee"))));
        var action = Rows(KeyboardOf(calls[0]))[0][0].GetProperty("action");
        Assert.Equal("{\"p\":\"coffee\"}", action.GetProperty("payload").GetString());
    }

    [Fact]
    public async Task SendAsync_InlineKeyboard_WritesEveryButtonKindWithColors()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.ButtonColor = b => b.Label switch
        {
            "Book" => VkButtonColor.Positive,
            "Cancel" => VkButtonColor.Negative,
            "Site" => VkButtonColor.Primary,
            _ => null,
        });
        var keyboard = new Keyboard(
            [
                [Button.Callback("Book", "slot:10:00"), Button.Callback("Cancel", "{\"cmd\":\"cancel\"}")],
                [Button.Link("Site", "https://example.com/shop"), Button.RequestLocation("Where am I"), Button.Reply("Menu")],
            ],
            inline: true);
        var calls = await SendAsync(vk, new OutgoingMessage("Choose", keyboard));
        var json = KeyboardOf(Assert.Single(calls));
        Assert.True(json.GetProperty("inline").GetBoolean());
        Assert.False(json.TryGetProperty("one_time", out _));
        var rows = Rows(json);
        Assert.Equal([2, 1, 1, 1], rows.Select(r => r.Length).ToArray());

        var book = rows[0][0];
        Assert.Equal("callback", book.GetProperty("action").GetProperty("type").GetString());
        Assert.Equal("{\"p\":\"slot:10:00\"}", book.GetProperty("action").GetProperty("payload").GetString());
        Assert.Equal("positive", book.GetProperty("color").GetString());
        var cancel = rows[0][1];
        Assert.Equal("{\"cmd\":\"cancel\"}", cancel.GetProperty("action").GetProperty("payload").GetString());
        Assert.Equal("negative", cancel.GetProperty("color").GetString());

        var link = rows[1][0];
        Assert.Equal("open_link", link.GetProperty("action").GetProperty("type").GetString());
        Assert.Equal("https://example.com/shop", link.GetProperty("action").GetProperty("link").GetString());
        Assert.Equal("Site", link.GetProperty("action").GetProperty("label").GetString());
        Assert.False(link.TryGetProperty("color", out _));

        var location = rows[2][0];
        Assert.Equal("location", location.GetProperty("action").GetProperty("type").GetString());
        Assert.False(location.GetProperty("action").TryGetProperty("label", out _));

        Assert.Equal("text", rows[3][0].GetProperty("action").GetProperty("type").GetString());
    }

    [Fact]
    public async Task SendAsync_ContactButton_IsLeftOut()
    {
        await using var vk = await VkTestContext.StartAsync();
        var calls = await SendAsync(vk, new OutgoingMessage("Phone?", Keyboard.Row(Button.RequestContact("Share"), Button.Reply("Skip"))));
        var rows = Rows(KeyboardOf(calls[0]));
        var only = Assert.Single(Assert.Single(rows));
        Assert.Equal("Skip", only.GetProperty("action").GetProperty("label").GetString());
    }

    [Fact]
    public async Task SendAsync_RemoveKeyboard_SendsEmptyKeyboard()
    {
        await using var vk = await VkTestContext.StartAsync();
        var calls = await SendAsync(vk, new OutgoingMessage("Bye") { RemoveKeyboard = true });
        Assert.Equal("{\"buttons\":[]}", calls[0]["keyboard"]);
    }

    [Fact]
    public async Task SendAsync_StandardKeyboardOverTenRows_IsReflowedFiveToARow()
    {
        await using var vk = await VkTestContext.StartAsync();
        var labels = Enumerable.Range(1, 12).Select(i => "Item " + i).ToArray();
        var calls = await SendAsync(vk, new OutgoingMessage("Pick", Buttons.Column(labels)));
        var rows = Rows(KeyboardOf(Assert.Single(calls)));
        Assert.Equal([5, 5, 2], rows.Select(r => r.Length).ToArray());
        Assert.Equal(labels, rows.SelectMany(r => r).Select(b => b.GetProperty("action").GetProperty("label").GetString()).ToArray());
    }

    [Fact]
    public async Task SendAsync_InlineOverTenButtons_IsSplitOverMessagesWithOwnRandomIds()
    {
        await using var vk = await VkTestContext.StartAsync();
        var rows = Enumerable.Range(0, 3).Select(r => Enumerable.Range(1, 5).Select(i => $"{(r * 5) + i}").ToArray()).ToArray();
        var calls = await SendAsync(vk, new OutgoingMessage("Slots", Buttons.Inline(rows)));

        Assert.Equal(2, calls.Count);
        Assert.Equal("Slots", calls[0]["message"]);
        Assert.Equal("\u2026", calls[1]["message"]);
        Assert.Equal([5, 5], Rows(KeyboardOf(calls[0])).Select(r => r.Length).ToArray());
        Assert.Equal([5], Rows(KeyboardOf(calls[1])).Select(r => r.Length).ToArray());
        Assert.True(KeyboardOf(calls[1]).GetProperty("inline").GetBoolean());
        Assert.NotEqual(calls[0]["random_id"], calls[1]["random_id"]);
    }

    [Fact]
    public async Task SendAsync_InlineOverSixRows_IsSplitAtSixRows()
    {
        await using var vk = await VkTestContext.StartAsync();
        var rows = Enumerable.Range(1, 8).Select(i => new[] { "Row " + i }).ToArray();
        var calls = await SendAsync(vk, new OutgoingMessage("Long list", Buttons.Inline(rows)));
        Assert.Equal([6, 2], calls.Select(c => Rows(KeyboardOf(c)).Length).ToArray());
    }

    [Fact]
    public async Task SendAsync_SplitKeyboardRetriedAfterSecondPartFails_ResendsWithSameIds()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", new FakeReply("{\"response\":1}"), new FakeReply(Fixture.Text("error_6_too_many_requests.json")));
        var rows = Enumerable.Range(1, 8).Select(i => new[] { "Row " + i }).ToArray();
        var delivery = VkTestContext.Delivery(new OutgoingMessage("Long list", Buttons.Inline(rows)));
        Assert.Equal(DeliveryStatus.RetryLater, (await vk.Channel.SendAsync(delivery, default)).Status);
        Assert.Equal(DeliveryStatus.Sent, (await vk.Channel.SendAsync(delivery, default)).Status);
        var ids = vk.Server.Calls("messages.send").Select(c => c["random_id"]).ToArray();
        Assert.Equal(4, ids.Length);
        Assert.Equal(ids[0], ids[2]);
        Assert.Equal(ids[1], ids[3]);
    }

    [Fact]
    public async Task SendAsync_KeyboardWithoutText_UsesButtonsOnlyText()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.ButtonsOnlyText = "Выберите:");
        var calls = await SendAsync(vk, new OutgoingMessage(string.Empty, Buttons.Rows(["A"])));
        Assert.Equal("Выберите:", calls[0]["message"]);
    }

    [Fact]
    public async Task SendAsync_PayloadTooLongForVk_ButtonSentWithoutPayload()
    {
        await using var vk = await VkTestContext.StartAsync();
        var payload = new string('\u0001', 50);
        var calls = await SendAsync(vk, new OutgoingMessage("x", Keyboard.Row(Button.Callback("Quote", payload)).AsInline()));
        var action = Rows(KeyboardOf(calls[0]))[0][0].GetProperty("action");
        Assert.Equal("Quote", action.GetProperty("label").GetString());
        Assert.False(action.TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task ChatBot_KeyboardBeyondVkLimits_ArrivesWithinLimits()
    {
        await using var vk = await VkTestContext.StartAsync();
        var labels = Enumerable.Range(1, 45).Select(i => $"A very long button label number {i} that goes on").ToArray();
        var scenario = Scenario.Define("wide", s =>
        {
            s.Step("start").OnAnyText().GoTo("pick");
            s.Step("pick").Say("Pick one", Buttons.Column(labels)).OnAnyText().Stay();
        });
        await using var bot = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(vk.Channel).UseTimeProvider(vk.Clock));
        await bot.DispatchAsync(new IncomingMessage(new ConversationAddress(ChannelId.Vk, Fixture.UserId), new ChatUser(Fixture.UserId), new TextContent("hi")) { UpdateId = "u1" });

        var keyboard = KeyboardOf(vk.Server.Calls("messages.send").Single(c => c.Form.ContainsKey("keyboard")));
        var rows = Rows(keyboard);
        Assert.True(rows.Length <= 10);
        Assert.All(rows, r => Assert.True(r.Length <= 5));
        var buttons = rows.SelectMany(r => r).ToArray();
        Assert.True(buttons.Length <= 40);
        Assert.All(buttons, b => Assert.True(b.GetProperty("action").GetProperty("label").GetString()!.Length <= 40));
        Assert.All(buttons, b => Assert.True(!b.GetProperty("action").TryGetProperty("payload", out var p) || p.GetString()!.Length <= 255));
    }
}
