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
        Assert.Equal([3L, 4L, 5L], entries.Select(e => e.Id));
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

        Assert.Equal(2, store.Get("a").LastId);
        Assert.Equal(1, store.Get("c").LastId);
        Assert.Equal(0, store.Get("b").LastId);
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
