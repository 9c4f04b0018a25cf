namespace ChatFlow.Channels.Viber.Tests;

public sealed class CallbackMappingTests
{
    public static TheoryData<string> CallbackFixtures() => [.. Fixture.Callbacks()];

    [Theory]
    [MemberData(nameof(CallbackFixtures))]
    public async Task HandleAsync_EveryCallbackFixture_Answers200(string name)
    {
        await using var h = await ViberHarness.StartAsync(o => o.OnReceipt = (_, _) => ValueTask.CompletedTask);

        var response = await h.PostFixtureAsync(name);
        await h.IdleAsync();

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_TextFixture_MapsEveryField()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();

        var message = Assert.Single(h.Received);
        Assert.Equal(ViberHarness.Olena, message.Address);
        Assert.Equal(new TextContent("Привіт! Хочу записатися"), message.Content);
        Assert.Equal("N1RQJNw0yUPpuV8EnSfSpA==", message.Sender.Id);
        Assert.Equal("Olena Kovalenko", message.Sender.DisplayName);
        Assert.Equal("uk", message.Sender.LanguageCode);
        Assert.Equal("message:5981743627584617234", message.UpdateId);
        Assert.Equal("5981743627584617234", message.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1749991234567), message.Timestamp);
        var raw = Assert.IsType<ViberCallback>(message.RawRepresentation);
        Assert.Equal(5981743627584617234L, raw.MessageToken);
        Assert.Equal("SN-CHAT-07_", raw.ChatHostname);
        Assert.Equal("UA", raw.Sender!.Country);
        Assert.Equal(10, raw.Sender.ApiVersion);
    }

    [Fact]
    public async Task HandleAsync_MessageTokenAbove2Pow53_KeptExactly()
    {
        await using var h = await ViberHarness.StartAsync();
        const long token = 9007199254740993; // 2^53 + 1: a double would round it to 2^53.

        await h.PostAsync($$$"""{"event":"message","timestamp":1749991234567,"message_token":{{{token}}},"sender":{"id":"u1"},"message":{"type":"text","text":"hi"}}""");
        await h.IdleAsync();

        var message = Assert.Single(h.Received);
        Assert.Equal("message:9007199254740993", message.UpdateId);
        Assert.Equal(token, ((ViberCallback)message.RawRepresentation!).MessageToken);
    }

    [Fact]
    public async Task HandleAsync_PictureFixture_MapsToPhotoWithCaption()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.PostFixtureAsync("callback_message_picture.json");
        await h.IdleAsync();

        var media = Assert.IsType<MediaContent>(Assert.Single(h.Received).Content);
        Assert.Equal(MediaKind.Photo, media.Kind);
        Assert.StartsWith("https://dl-media.viber.com/1/share/2/long/vibes/icon/image/0x0/", media.FileReference, StringComparison.Ordinal);
        Assert.Equal("Ось приклад", media.Caption);
    }

    [Fact]
    public async Task HandleAsync_ContactFixture_MapsToContactWithTrackingData()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.PostFixtureAsync("callback_message_contact.json");
        await h.IdleAsync();

        var message = Assert.Single(h.Received);
        var contact = Assert.IsType<ContactContent>(message.Content);
        Assert.Equal("+380501234567", contact.PhoneNumber);
        Assert.Equal("Olena Kovalenko", contact.FirstName);
        Assert.Equal("flow=booking;step=ask_phone", ((ViberCallback)message.RawRepresentation!).Message!.TrackingData);
    }

    [Fact]
    public async Task HandleAsync_LocationFixture_MapsToLocation()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.PostFixtureAsync("callback_message_location.json");
        await h.IdleAsync();

        Assert.Equal(new LocationContent(50.450001, 30.523333), Assert.Single(h.Received).Content);
    }

    [Fact]
    public async Task HandleAsync_SubscribedFixture_MapsToSubscribedEvent()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.PostFixtureAsync("callback_subscribed.json");
        await h.IdleAsync();

        var message = Assert.Single(h.Received);
        Assert.Equal(new LifecycleContent(LifecycleEvent.Subscribed), message.Content);
        Assert.Equal("Olena Kovalenko", message.Sender.DisplayName);
        Assert.Equal("subscribed:5981743485316290048", message.UpdateId);
    }

    [Fact]
    public async Task HandleAsync_UnsubscribedFixture_MarksTheConversationUnreachable()
    {
        await using var h = await ViberHarness.StartAsync();
        await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();

        await h.PostFixtureAsync("callback_unsubscribed.json");
        await h.IdleAsync();

        Assert.Equal(new LifecycleContent(LifecycleEvent.Unsubscribed), h.Received.Last().Content);
        Assert.True((await h.Bot.GetConversationAsync(ViberHarness.Olena))!.Unreachable);
    }

    [Fact]
    public async Task HandleAsync_ReceiptFixtures_HandedToOnReceiptAndNotToTheBot()
    {
        var receipts = new List<ViberReceipt>();
        await using var h = await ViberHarness.StartAsync(o => o.OnReceipt = (r, _) =>
        {
            receipts.Add(r);
            return ValueTask.CompletedTask;
        });

        await h.PostFixtureAsync("callback_delivered.json");
        await h.PostFixtureAsync("callback_seen.json");
        await h.PostFixtureAsync("callback_failed.json");
        await h.IdleAsync();

        Assert.Empty(h.Received);
        Assert.Equal(
            [
                new ViberReceipt(ViberReceiptKind.Delivered, 5981744381726847811, "N1RQJNw0yUPpuV8EnSfSpA==", DateTimeOffset.FromUnixTimeMilliseconds(1749991403110)),
                new ViberReceipt(ViberReceiptKind.Seen, 5981744381726847811, "N1RQJNw0yUPpuV8EnSfSpA==", DateTimeOffset.FromUnixTimeMilliseconds(1749991411902)),
                new ViberReceipt(ViberReceiptKind.Failed, 5981744390124572164, "N1RQJNw0yUPpuV8EnSfSpA==", DateTimeOffset.FromUnixTimeMilliseconds(1749991404523)) { Description = "failure description" },
            ],
            receipts);
    }

    [Fact]
    public async Task HandleAsync_OnReceiptThrows_LogsAndAnswers200()
    {
        await using var h = await ViberHarness.StartAsync(o => o.OnReceipt = (_, _) => throw new InvalidOperationException("sink down"));

        var response = await h.PostFixtureAsync("callback_failed.json");

        Assert.Equal(200, response.StatusCode);
        Assert.Contains(h.LogLines(), l => l.Contains("OnReceipt failed", StringComparison.Ordinal) && l.Contains("sink down", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"video","media":"https://dl-media.viber.com/v.mp4","size":10240}""", "media:video")]
    [InlineData("""{"type":"file","media":"https://dl-media.viber.com/f.pdf","file_name":"price.pdf","size":2048}""", "media:document")]
    [InlineData("""{"type":"sticker","sticker_id":46105,"media":"https://viber.com/sticker.png"}""", "media:sticker")]
    [InlineData("""{"type":"url","media":"https://example.com/page"}""", "text")]
    [InlineData("""{"type":"text","text":"/start ref_summer25"}""", "/start ref_summer25")]
    public async Task HandleAsync_OtherMessageTypes_MapToTheirContent(string messageJson, string expected)
    {
        await using var h = await ViberHarness.StartAsync();

        await h.PostAsync($$$"""{"event":"message","timestamp":1749991234567,"message_token":77,"sender":{"id":"u1","name":"U"},"message":{{{messageJson}}}}""");
        await h.IdleAsync();

        Assert.Equal(expected, Assert.Single(h.Received).Content.ToString());
    }

    [Fact]
    public async Task HandleAsync_FileMessage_KeepsNameAndSize()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.PostAsync("""{"event":"message","timestamp":1749991234567,"message_token":78,"sender":{"id":"u1"},"message":{"type":"file","media":"https://dl-media.viber.com/f.pdf","file_name":"price.pdf","size":2048}}""");
        await h.IdleAsync();

        var media = Assert.IsType<MediaContent>(Assert.Single(h.Received).Content);
        Assert.Equal(("https://dl-media.viber.com/f.pdf", "price.pdf", 2048L), (media.FileReference, media.FileName, media.Size!.Value));
    }

    [Fact]
    public async Task HandleAsync_CallbackButtonPress_MapsToButtonContent()
    {
        await using var h = await ViberHarness.StartAsync();
        var body = $$$"""{"event":"message","timestamp":1749991234567,"message_token":79,"sender":{"id":"u1"},"message":{"type":"text","text":"{{{KeyboardRenderer.CallbackPrefix}}}order:42"}}""";

        await h.PostAsync(body);
        await h.IdleAsync();

        Assert.Equal(new ButtonContent("order:42"), Assert.Single(h.Received).Content);
    }

    [Fact]
    public async Task HandleAsync_MessageOfUnknownTypeWithoutText_AnsweredAndIgnored()
    {
        await using var h = await ViberHarness.StartAsync();

        var response = await h.PostAsync("""{"event":"message","timestamp":1749991234567,"message_token":80,"sender":{"id":"u1"},"message":{"type":"rich_media"}}""");
        await h.IdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(h.Received);
    }
}
