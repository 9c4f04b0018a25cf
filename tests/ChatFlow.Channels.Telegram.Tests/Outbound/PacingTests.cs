using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Telegram.Tests;

public sealed class PacingTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Reserve_PrivateChatAfterBurst_WaitsOneSecondPerMessage()
    {
        var pacer = new TelegramPacer(new TelegramPacingOptions { PerChatBurst = 3 }, _clock);

        var waits = Enumerable.Range(0, 5).Select(_ => pacer.Reserve(412345678)).ToArray();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public void Reserve_AfterTimePasses_RefillsUpToTheBurst()
    {
        var pacer = new TelegramPacer(new TelegramPacingOptions { PerChatBurst = 2 }, _clock);
        pacer.Reserve(1);
        pacer.Reserve(1);

        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.Zero, pacer.Reserve(1));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(1));
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve(1));
    }

    [Fact]
    public void Reserve_Group_AllowsTwentyAMinute()
    {
        var pacer = new TelegramPacer(new TelegramPacingOptions { PerGroupBurst = 1 }, _clock);

        Assert.Equal(TimeSpan.Zero, pacer.Reserve(-1001987654321));
        Assert.Equal(TimeSpan.FromSeconds(3), pacer.Reserve(-1001987654321));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(412345678));
    }

    [Fact]
    public void Reserve_ManyChats_GlobalLimitApplies()
    {
        var pacer = new TelegramPacer(new TelegramPacingOptions { GlobalBurst = 30, GlobalPerSecond = 30 }, _clock);

        var waits = Enumerable.Range(1, 31).Select(i => pacer.Reserve(i)).ToArray();

        Assert.All(waits.Take(30), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(1.0 / 30), waits[30]);
    }

    [Fact]
    public void Reserve_Disabled_NeverWaits()
    {
        var pacer = new TelegramPacer(new TelegramPacingOptions { Enabled = false, PerChatBurst = 1 }, _clock);

        Assert.All(Enumerable.Range(0, 10).Select(_ => pacer.Reserve(1)), w => Assert.Equal(TimeSpan.Zero, w));
    }

    [Fact]
    public async Task SendAsync_SecondMessageToSameChat_WaitsForThePacerBeforeCallingTheApi()
    {
        await using var api = await FakeBotApi.StartAsync();
        var options = TestSupport.Options(api, o =>
        {
            o.Pacing.Enabled = true;
            o.Pacing.PerChatBurst = 1;
        });
        var channel = new TelegramChannel(options, timeProvider: _clock);
        var to = new ConversationAddress(ChannelId.Telegram, "412345678");

        var first = await channel.SendAsync(new OutgoingDelivery(to, "one", "k/1/0"), default);
        var second = channel.SendAsync(new OutgoingDelivery(to, "two", "k/2/0"), default).AsTask();

        Assert.Equal(DeliveryStatus.Sent, first.Status);
        Assert.False(second.IsCompleted);
        Assert.Single(api.Calls("sendMessage"));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = await second.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(["one", "two"], api.Calls("sendMessage").Select(r => r["text"]));
    }
}
