using ChatFlow.Channels.WebChat.Conversations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.WebChat.Tests;

public sealed class WebChatChannelTests
{
    private static (WebChatChannel Channel, WebChatStore Store) Create(int history = 200)
    {
        var store = new WebChatStore(Options.Create(new WebChatOptions { HistoryLimit = history }), new FakeTimeProvider());
        return (new WebChatChannel(store), store);
    }

    private static OutgoingDelivery Delivery(OutgoingMessage message, string key = "k1") =>
        new(new ConversationAddress(ChannelId.WebChat, "visitor"), message, key);

    [Fact]
    public async Task SendAsync_SameIdempotencyKeyTwice_AppendsOnce()
    {
        var (channel, store) = Create();

        var first = await channel.SendAsync(Delivery("hello"), default);
        var retry = await channel.SendAsync(Delivery("hello"), default);

        Assert.Equal(DeliveryStatus.Sent, first.Status);
        Assert.Equal(first.MessageId, retry.MessageId);
        Assert.Single(store.Get("visitor").After(0, out _));
    }

    [Fact]
    public async Task SendAsync_CancelledToken_AppendsNothing()
    {
        var (channel, store) = Create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SendAsync(Delivery("never mind"), cancelled.Token).AsTask());

        Assert.Empty(store.Get("visitor").After(0, out _));
    }

    [Fact]
    public async Task SendAsync_ButtonsAndImage_AreRenderedForTheWidget()
    {
        var (channel, store) = Create();
        var keyboard = new Keyboard([[Button.Callback("Pay", "pay:1"), Button.Link("Site", "https://example.org/")]], inline: true);
        var message = new OutgoingMessage("Your order", keyboard) { Media = new MediaAttachment(MediaKind.Photo, "https://example.org/a.png") };

        await channel.SendAsync(Delivery(message), default);
        var entry = Assert.Single(store.Get("visitor").After(0, out _));

        Assert.True(entry.Inline);
        Assert.Equal(new WebChatButton("Pay", "callback", "pay:1", null), entry.Buttons![0][0]);
        Assert.Equal(new WebChatButton("Site", "url", null, "https://example.org/"), entry.Buttons![0][1]);
        Assert.Equal("https://example.org/a.png", entry.Media!.Url);
    }

    [Fact]
    public async Task SendAsync_BeyondHistoryLimit_KeepsNewestWithIncreasingIds()
    {
        var (channel, store) = Create(history: 3);

        for (var i = 0; i < 5; i++)
        {
            await channel.SendAsync(Delivery("m" + i, "k" + i), default);
        }

        var entries = store.Get("visitor").After(0, out _);
        var first = entries[0].Id;
        Assert.Equal([first, first + 1, first + 2], entries.Select(e => e.Id));
        Assert.Equal(["m2", "m3", "m4"], entries.Select(e => e.Text));
    }

    [Fact]
    public void Capabilities_NoContactOrLocationButtons()
    {
        var (channel, _) = Create();

        Assert.Equal(ChannelId.WebChat, channel.Id);
        Assert.False(channel.Capabilities.SupportsRequestContact);
        Assert.False(channel.Capabilities.SupportsRequestLocation);
        Assert.True(channel.Capabilities.SupportsInlineKeyboard);
    }
    [Fact]
    public void Get_MoreVisitorsThanMax_ForgetsTheLeastRecentlyActive()
    {
        var time = new FakeTimeProvider();
        var store = new WebChatStore(Options.Create(new WebChatOptions { MaxVisitors = 2 }), time);
        store.AppendVisitorMessage("a", "hi", null, out _);
        time.Advance(TimeSpan.FromSeconds(1));
        store.AppendVisitorMessage("b", "hi", null, out _);
        time.Advance(TimeSpan.FromSeconds(1));
        store.AppendVisitorMessage("a", "again", null, out _);
        time.Advance(TimeSpan.FromSeconds(1));

        store.AppendVisitorMessage("c", "hi", null, out _);

        Assert.Equal(2, store.Get("a").After(0, out _).Count);
        Assert.Single(store.Get("c").After(0, out _));
        Assert.Equal(0, store.Get("b").LastId);
    }

    [Fact]
    public void Get_MoreVisitorsThanMax_KeepsVisitorsWithAnOpenStreamAndForgetsTheIdleOneWithTheOldestActivity()
    {
        var time = new FakeTimeProvider();
        var store = new WebChatStore(Options.Create(new WebChatOptions { MaxVisitors = 2 }), time);
        store.AppendVisitorMessage("watcher", "hi", null, out _);
        var watching = store.OpenStream("watcher");
        time.Advance(TimeSpan.FromSeconds(1));
        store.AppendVisitorMessage("idle", "hi", null, out _);
        time.Advance(TimeSpan.FromSeconds(1));
        store.AppendVisitorMessage("newer", "hi", null, out _);
        time.Advance(TimeSpan.FromSeconds(1));

        store.AppendVisitorMessage("newest", "hi", null, out _);

        Assert.Same(watching, store.Find("watcher"));
        Assert.Null(store.Find("idle"));
        Assert.Null(store.Find("newer"));
        Assert.NotNull(store.Find("newest"));

        // Once the stream is closed the watcher is an ordinary visitor again, as active as its stream was.
        time.Advance(TimeSpan.FromSeconds(1));
        watching.CloseStream(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(1));
        store.AppendVisitorMessage("later", "hi", null, out _);
        store.AppendVisitorMessage("last", "hi", null, out _);
        Assert.Null(store.Find("newest"));
        Assert.Null(store.Find("watcher"));
    }

    [Fact]
    public async Task SendAsync_ToUnknownVisitors_StoresTheRepliesButNeverForgetsAVisitorWithAnOpenStream()
    {
        var time = new FakeTimeProvider();
        var store = new WebChatStore(Options.Create(new WebChatOptions { MaxVisitors = 1 }), time);
        var channel = new WebChatChannel(store);
        store.AppendVisitorMessage("watcher", "hi", null, out _);
        var watching = store.OpenStream("watcher");

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var sent = await channel.SendAsync(new OutgoingDelivery(new ConversationAddress(ChannelId.WebChat, "gone" + i), "hello", "k" + i), default);
            Assert.Equal(DeliveryStatus.Sent, sent.Status);
        }

        await channel.SendAsync(new OutgoingDelivery(new ConversationAddress(ChannelId.WebChat, "watcher"), "for you", "w"), default);

        Assert.Same(watching, store.Find("watcher"));
        Assert.Equal(["hi", "for you"], watching.After(0, out _).Select(e => e.Text));
        Assert.Equal("hello", Assert.Single(store.Find("gone4")!.After(0, out _)).Text);
    }

    [Fact]
    public void Append_AfterTheVisitorWasForgotten_NewIdsStayAboveTheOldOnes()
    {
        var time = new FakeTimeProvider();
        var store = new WebChatStore(Options.Create(new WebChatOptions { MaxVisitors = 1 }), time);
        for (var i = 0; i < 3; i++)
        {
            store.AppendVisitorMessage("a", "hi " + i, null, out _);
        }

        var seen = store.Get("a").LastId;
        store.AppendVisitorMessage("b", "hi", null, out _);

        // The clock has not moved (a fast eviction); "a" starts a new log all the same.
        var next = store.AppendVisitorMessage("a", "back", null, out _);

        Assert.True(next > seen, $"id {next} after {seen}");
        Assert.Single(store.Get("a").After(seen, out _));
    }

    [Fact]
    public void Append_ToANewLog_StartsAtTheClockInMicroseconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new WebChatStore(Options.Create(new WebChatOptions()), time);

        var id = store.AppendVisitorMessage("a", "hi", null, out _);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000 + 1, id);
    }

    [Fact]
    public async Task SendAsync_OneTimeKeyboardAndRemoval_AreFlaggedForTheWidget()
    {
        var (channel, store) = Create();

        await channel.SendAsync(Delivery(new OutgoingMessage("Pick", Buttons.Rows(["A", "B"]).AsOneTime()), "k1"), default);
        await channel.SendAsync(Delivery(new OutgoingMessage("Done") { RemoveKeyboard = true }, "k2"), default);
        var entries = store.Get("visitor").After(0, out _);

        Assert.True(entries[0].OneTime);
        Assert.False(entries[0].Inline);
        Assert.True(entries[1].RemoveKeyboard);
        Assert.Null(entries[1].Buttons);
    }
}
