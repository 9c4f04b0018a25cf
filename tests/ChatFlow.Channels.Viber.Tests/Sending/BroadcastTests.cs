namespace ChatFlow.Channels.Viber.Tests;

public sealed class BroadcastTests
{
    private static string[] Receivers(int count, int length = 24) =>
        Enumerable.Range(0, count).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, 'r')).ToArray();

    [Fact]
    public async Task BroadcastAsync_FailedListFixture_MappedBackPerReceiver()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("broadcast_message", FakeReply.Json(Fixture.Text("broadcast_message_response.json")));
        string[] receivers = ["N1RQJNw0yUPpuV8EnSfSpA==", "pTtm25kSGUo1919sBORWyA==", "EGAZ3SZRi6zW1D0uNYhQHg==", "b2xlbmEtZnJpZW5k=="];

        var result = await h.Channel.BroadcastAsync(receivers, new OutgoingMessage("Summer sale!", Buttons.Rows(["Catalog"])), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent("5981750012384756224"), result.Results["N1RQJNw0yUPpuV8EnSfSpA=="]);
        Assert.Equal(DeliveryResult.Sent("5981750012384756224"), result.Results["b2xlbmEtZnJpZW5k=="]);
        Assert.Equal(DeliveryResult.Unreachable("Viber status 6 (receiverNotSubscribed): Not subscribed"), result.Results["pTtm25kSGUo1919sBORWyA=="]);
        Assert.Equal(DeliveryResult.Unreachable("Viber status 5 (receiverNotRegistered): Not found"), result.Results["EGAZ3SZRi6zW1D0uNYhQHg=="]);
        Assert.Equal(["EGAZ3SZRi6zW1D0uNYhQHg==", "pTtm25kSGUo1919sBORWyA=="], result.Failed.Order(StringComparer.Ordinal));
        var json = Assert.Single(h.Server.Requests).Json;
        Assert.Equal(receivers, json["broadcast_list"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(json["receiver"]);
        Assert.Equal(("text", "Summer sale!"), (json["type"]!.GetValue<string>(), json["text"]!.GetValue<string>()));
        Assert.NotNull(json["keyboard"]);
    }

    [Fact]
    public async Task BroadcastAsync_650Receivers_SentInRequestsOfAtMost300()
    {
        await using var h = await ViberHarness.StartAsync();
        var receivers = Receivers(650);

        var result = await h.Channel.BroadcastAsync(receivers, "Hello all", CancellationToken.None);

        Assert.Equal(300, h.Channel.MaxBroadcastRecipients);
        Assert.Equal([300, 300, 50], h.Server.Calls("broadcast_message").Select(r => r.Json["broadcast_list"]!.AsArray().Count));
        Assert.Equal(650, result.Results.Count);
        Assert.Empty(result.Failed);
    }

    [Fact]
    public async Task BroadcastAsync_ListMakesTheRequestTooLarge_HalvesTheList()
    {
        await using var h = await ViberHarness.StartAsync();
        var receivers = Receivers(300, length: 120);

        await h.Channel.BroadcastAsync(receivers, "Hello all", CancellationToken.None);

        var calls = h.Server.Calls("broadcast_message");
        Assert.Equal([150, 150], calls.Select(r => r.Json["broadcast_list"]!.AsArray().Count));
        Assert.All(calls, c => Assert.True(c.Body.Length <= RequestFitter.MaxRequestBytes));
    }

    [Fact]
    public async Task BroadcastAsync_MoreRequestsThanTheWindowAllows_WaitsForTheWindow()
    {
        await using var h = await ViberHarness.StartAsync(o =>
        {
            o.BroadcastRequestsPerWindow = 2;
            o.BroadcastWindow = TimeSpan.FromSeconds(10);
        });

        var sending = h.Channel.BroadcastAsync(Receivers(601), "Hello all", CancellationToken.None).AsTask();
        await h.Server.WaitForCallsAsync("broadcast_message", 2);
        await Poll.UntilAsync(() => h.Channel.BroadcastLimiter.Waiting == 1, "the third request to wait");
        Assert.False(sending.IsCompleted);
        Assert.Equal(2, h.Server.Calls("broadcast_message").Count);
        await Poll.UntilAsync(() => sending.IsCompleted || Advance(h), "the window to pass");
        var result = await sending;

        Assert.Equal(3, h.Server.Calls("broadcast_message").Count);
        Assert.Equal(601, result.Results.Count);
    }

    [Fact]
    public async Task BroadcastAsync_RequestRejected_EveryReceiverGetsTheResult()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("broadcast_message", FakeReply.Status(20, "broadcastNotAllowed"), FakeReply.Malformed());

        var rejected = await h.Channel.BroadcastAsync(["a", "b"], "Hi", CancellationToken.None);
        var broken = await h.Channel.BroadcastAsync(["c"], "Hi", CancellationToken.None);

        Assert.All(rejected.Results.Values, r => Assert.Equal(DeliveryResult.Failed("Viber status 20 (broadcastNotAllowed): broadcastNotAllowed"), r));
        Assert.Equal(DeliveryStatus.RetryLater, broken.Results["c"].Status);
    }

    [Fact]
    public async Task BroadcastAsync_TooManyRequestsForOneReceiver_RetryLaterForThatReceiver()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("broadcast_message", FakeReply.Json("""{"status":0,"status_message":"ok","message_token":1,"failed_list":[{"receiver":"b","status":12,"status_message":"tooManyRequests"}]}"""));

        var result = await h.Channel.BroadcastAsync(["a", "b", "a"], "Hi", CancellationToken.None);

        Assert.Equal(2, result.Results.Count);
        Assert.Equal(DeliveryStatus.Sent, result.Results["a"].Status);
        Assert.Equal((DeliveryStatus.RetryLater, TimeSpan.FromMinutes(1)), (result.Results["b"].Status, result.Results["b"].RetryAfter));
    }

    private static bool Advance(ViberHarness h)
    {
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        return false;
    }
}
