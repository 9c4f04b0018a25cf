using System.Text;

namespace ChatFlow.Channels.Viber.Tests;

public sealed class SizeAndQuotaTests
{
    private static string Words(int count, string word) => string.Join(' ', Enumerable.Repeat(word, count));

    [Fact]
    public async Task SendAsync_RequestOver30KB_SplitIntoPartsThatFitWithTheKeyboardLast()
    {
        await using var h = await ViberHarness.StartAsync();
        var text = Words(700, "жжжжжжжжж");
        var labels = Enumerable.Range(0, 24).Select(i => new string('ї', 240) + i).ToArray();
        var keyboard = new Keyboard(labels.Select(l => (IReadOnlyList<Button>)[Button.Callback(l, new string('p', 230))]).ToArray());
        var message = new OutgoingMessage(text, keyboard);
        Assert.True(Encoding.UTF8.GetByteCount(text) + (24 * (480 + 230)) > RequestFitter.MaxRequestBytes);

        var result = await h.SendAsync(message);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var sends = h.Server.Calls("send_message");
        Assert.True(sends.Count >= 2);
        Assert.All(sends, s => Assert.True(s.Body.Length <= RequestFitter.MaxRequestBytes, $"{s.Body.Length} bytes"));
        Assert.All(sends.SkipLast(1), s => Assert.Null(s.Json["keyboard"]));
        Assert.Equal(24, sends[^1].Json["keyboard"]!["Buttons"]!.AsArray().Count);
        Assert.Equal(text, string.Join(' ', sends.Select(s => s.Json["text"]!.GetValue<string>())));
    }

    [Fact]
    public void Fit_TextOver7000Characters_SplitAtWordsUnderTheLimit()
    {
        var text = Words(1500, "word");
        var request = new SendMessageRequest { Receiver = "u1", Text = text };

        var parts = RequestFitter.Fit(request, out var error);

        Assert.Null(error);
        var texts = parts!.Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement.GetProperty("text").GetString()!).ToArray();
        Assert.All(texts, t => Assert.True(t.Length <= RequestFitter.MaxTextLength));
        Assert.Equal(text, string.Join(' ', texts));
    }

    [Fact]
    public void Fit_KeyboardAloneTooLarge_ReportsWhy()
    {
        var buttons = Enumerable.Range(0, 40).Select(i => new ButtonDto { Columns = 6, ActionType = "reply", ActionBody = new string('b', 900), Text = "x" }).ToArray();
        var request = new SendMessageRequest { Receiver = "u1", Text = "Pick", Keyboard = new KeyboardDto { Buttons = buttons } };

        var parts = RequestFitter.Fit(request, out var error);

        Assert.Null(parts);
        Assert.Contains("at most 30000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FindCut_SurrogatePairInTheMiddle_NotSplit()
    {
        var text = new string('a', 9) + "😀" + new string('b', 9);

        var cut = RequestFitter.FindCut(text);

        Assert.False(char.IsLowSurrogate(text[cut]));
    }

    [Fact]
    public async Task SendAsync_PartialFailureThenRetry_SendsOnlyTheRest()
    {
        await using var h = await ViberHarness.StartAsync();
        var text = string.Join(' ', Enumerable.Range(0, 1200).Select(i => "слово" + i));
        h.Server.Enqueue("send_message", FakeReply.Status(0, "ok"), FakeReply.Http(503));

        var first = await h.SendAsync(text, key: "k1");
        var retry = await h.SendAsync(text, key: "k1", attempt: 1);

        var sends = h.Server.Calls("send_message");
        Assert.Equal(DeliveryStatus.RetryLater, first.Status);
        Assert.Equal(DeliveryStatus.Sent, retry.Status);
        Assert.Equal(3, sends.Count);
        Assert.NotEqual(sends[0].Text, sends[1].Text);
        Assert.Equal(sends[1].Text, sends[2].Text);
    }

    [Fact]
    public async Task SendAsync_OverTheHourlyLimitWithoutAReply_RetriesLaterWithoutCallingViber()
    {
        await using var h = await ViberHarness.StartAsync(o => o.MaxMessagesPerUserPerHour = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(DeliveryStatus.Sent, (await h.SendAsync("Hello " + i, key: "k" + i)).Status);
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var blocked = await h.SendAsync("One too many", key: "k3");

        Assert.Equal(DeliveryStatus.RetryLater, blocked.Status);
        Assert.Equal(TimeSpan.FromMinutes(57), blocked.RetryAfter);
        Assert.Contains("at most 3 messages to a user per hour without a reply", blocked.Error, StringComparison.Ordinal);
        Assert.Equal(3, h.Server.Calls("send_message").Count);
        Assert.Contains(h.LogLines(), l => l.StartsWith("Warning 3008", StringComparison.Ordinal));

        h.Clock.Advance(TimeSpan.FromMinutes(57));
        Assert.Equal(DeliveryStatus.Sent, (await h.SendAsync("Later", key: "k4")).Status);
    }

    [Fact]
    public async Task SendAsync_UserWroteBack_CountStartsAgain()
    {
        await using var h = await ViberHarness.StartAsync(o => o.MaxMessagesPerUserPerHour = 2);
        await h.SendAsync("1", key: "k1");
        await h.SendAsync("2", key: "k2");
        Assert.Equal(DeliveryStatus.RetryLater, (await h.SendAsync("3", key: "k3")).Status);

        await h.Handler.HandleAsync(ViberHarness.Signed(ViberHarness.TextMessage("I'm here", 501)), CancellationToken.None);
        await h.IdleAsync();

        Assert.Equal(DeliveryStatus.Sent, (await h.SendAsync("3", key: "k3")).Status);
    }

    [Fact]
    public void WaitTime_OtherUsers_CountedSeparately()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var quota = new UserQuota(1, clock);
        quota.Record("a");

        Assert.NotNull(quota.WaitTime("a", 1, out var sentToA));
        Assert.Null(quota.WaitTime("b", 1, out _));
        Assert.Equal(1, sentToA);
    }
}
