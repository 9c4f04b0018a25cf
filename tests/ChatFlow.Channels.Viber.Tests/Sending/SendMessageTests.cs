using System.Text.Json.Nodes;

namespace ChatFlow.Channels.Viber.Tests;

public sealed class SendMessageTests
{
    [Fact]
    public async Task SendAsync_TextWithKeyboard_PostsTheRequestFixture()
    {
        await using var h = await ViberHarness.StartAsync(o =>
        {
            o.SenderAvatar = new Uri("https://cdn.example.com/chatflow/avatar-720.png");
            o.ButtonBackgroundColor = "#E8F4FD";
            o.TrackingData = d => d.Address == ViberHarness.Olena ? "flow=booking;step=ask_phone" : null;
        });
        h.Server.Enqueue("send_message", FakeReply.Json(Fixture.Text("send_message_response_ok.json")));

        var result = await h.SendAsync(new OutgoingMessage("Залиште, будь ласка, номер телефону", WelcomeTests.ServiceKeyboard));

        Assert.Equal(DeliveryResult.Sent("5981744381726847811"), result);
        var request = Assert.Single(h.Server.Requests);
        Assert.Equal(("POST", "/pa/send_message"), (request.HttpMethod, request.Path));
        Assert.Equal(FakeViberServer.Token, request.Header("X-Viber-Auth-Token"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var expected = Fixture.Json("send_message_request.json");
        Assert.True(JsonNode.DeepEquals(expected, request.Json), "Expected:\n" + expected.ToJsonString() + "\nActual:\n" + request.Text);
    }

    [Fact]
    public async Task SendAsync_Cyrillic_SentAsUtf8NotEscaped()
    {
        await using var h = await ViberHarness.StartAsync();

        await h.SendAsync("Привіт");

        Assert.Contains("\"text\":\"Привіт\"", Assert.Single(h.Server.Requests).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotSubscribedFixture_ReturnsUnreachable()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Json(Fixture.Text("send_message_response_not_subscribed.json")));

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Contains("receiverNotSubscribed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReceiverNotRegistered_ReturnsUnreachable()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Status(5, "receiverNotRegistered"));

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Contains("Viber status 5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotSubscribedInAConversation_MarksItUnreachableAndRaisesTheLifecycleEvent()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Json(Fixture.Text("send_message_response_not_subscribed.json")));

        await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();
        await Poll.UntilAsync(() => h.Received.Count >= 2, "the unreachable event");
        await h.IdleAsync();

        var raised = h.Received.Last();
        Assert.Equal(new LifecycleContent(LifecycleEvent.Unreachable) { Context = "receiverNotSubscribed" }, raised.Content);
        Assert.Equal(ViberHarness.Olena, raised.Address);
        var state = await h.Bot.GetConversationAsync(ViberHarness.Olena);
        Assert.True(state!.Unreachable);
        Assert.Empty(state.Outbox);
        Assert.Single(h.Server.Calls("send_message"));
    }

    [Fact]
    public async Task SendAsync_UnreachableEventsOff_RaisesNothing()
    {
        await using var h = await ViberHarness.StartAsync(o => o.RaiseUnreachableEvents = false);
        h.Server.Enqueue("send_message", FakeReply.Status(6, "receiverNotSubscribed"));

        await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();

        Assert.Single(h.Received);
        Assert.True((await h.Bot.GetConversationAsync(ViberHarness.Olena))!.Unreachable);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(10, 60)]
    public async Task SendAsync_TooManyRequestsFixture_RetriesLaterWithGrowingBackoff(int attempt, int minutes)
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Json(Fixture.Text("send_message_response_too_many.json")));

        var result = await h.SendAsync("Hello", attempt: attempt);

        Assert.Equal(DeliveryResult.RetryLater(result.Error!, TimeSpan.FromMinutes(minutes)), result);
        Assert.Contains("Viber status 12", result.Error, StringComparison.Ordinal);
        Assert.Contains(h.LogLines(), l => l.StartsWith("Warning 3005", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_OtherStatus_FailsAndLogsStatusAndMessage()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Status(3, "badData"));

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryResult.Failed("Viber status 3 (badData): badData"), result);
        Assert.Contains(h.LogLines(), l => l.StartsWith("Warning 3006", StringComparison.Ordinal) && l.Contains("status 3 (badData): badData", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_WrongToken_FailsWithoutLoggingTheToken()
    {
        await using var h = await ViberHarness.StartAsync(o => o.AuthToken = "wrong-secret-token");

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("invalidAuthToken", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-token", result.Error, StringComparison.Ordinal);
        Assert.Contains(h.LogLines(), l => l.StartsWith("Error 3007", StringComparison.Ordinal));
        Assert.DoesNotContain(h.LogLines(), l => l.Contains("wrong-secret-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_SlowServer_RetriesLaterAfterTheTimeout()
    {
        await using var h = await ViberHarness.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(10));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.Enqueue("send_message", FakeReply.Slow(gate, FakeReply.Status(0, "ok")));

        var sending = h.SendAsync("Hello").AsTask();
        await h.Server.WaitForCallsAsync("send_message", 1);
        Assert.False(sending.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        gate.SetResult();

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("did not answer within 10 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_MalformedResponse_RetriesLater()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Malformed());

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("not a Viber response", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(429)]
    public async Task SendAsync_HttpError_RetriesLater(int statusCode)
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Http(statusCode));

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains($"HTTP {statusCode}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_RetriesLater()
    {
        await using var h = await ViberHarness.StartAsync(o => o.ApiBaseUrl = new Uri("http://127.0.0.1:1/pa/"));

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("could not be reached", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RetryAfterFailureInTheRuntime_DeliversOnce()
    {
        await using var h = await ViberHarness.StartAsync();
        h.Server.Enqueue("send_message", FakeReply.Http(503));

        await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Bot.RunDueWorkAsync();

        var calls = h.Server.Calls("send_message");
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Text, calls[1].Text);
        Assert.Empty((await h.Bot.GetConversationAsync(ViberHarness.Olena))!.Outbox);
    }

    [Fact]
    public async Task SendAsync_TrackingDataTooLong_LeftOutWithAWarning()
    {
        await using var h = await ViberHarness.StartAsync(o => o.TrackingData = _ => new string('t', 4001));

        var result = await h.SendAsync("Hello");

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Null(Assert.Single(h.Server.Requests).Json["tracking_data"]);
        Assert.Contains(h.LogLines(), l => l.StartsWith("Warning 3022", StringComparison.Ordinal));
    }
}
