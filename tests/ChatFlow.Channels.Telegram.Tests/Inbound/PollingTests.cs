using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Telegram.Tests;

public sealed class PollingTests : IAsyncLifetime
{
    private readonly FakeLogCollectorFactory _logs = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _logs.Dispose();
    }

    private TelegramReceiverService Receiver(IChatDispatcher dispatcher, Action<TelegramOptions>? configure = null, TimeProvider? time = null) =>
        new(new TelegramChannel(TestSupport.Options(_api, configure), timeProvider: time, loggerFactory: _logs), () => dispatcher);

    private void EnqueueFixtureBatch()
    {
        foreach (var update in JsonNode.Parse(TestSupport.Fixture("getupdates_response_two_updates.json"))!["result"]!.AsArray())
        {
            _api.EnqueueUpdate(update!.ToJsonString());
        }
    }

    [Fact]
    public async Task ExecuteAsync_LongPolling_DeletesWebhookFirstThenPollsWithTimeoutLimitAndAllowedUpdates()
    {
        var service = Receiver(new RecordingDispatcher());
        await service.StartAsync(default);
        var poll = await _api.WaitForAsync("getUpdates");
        await service.StopAsync(default);

        Assert.Equal("deleteWebhook", _api.Requests[0].Method);
        Assert.Equal("2", poll["timeout"]);
        Assert.Equal("100", poll["limit"]);
        Assert.Null(poll["offset"]);
        Assert.Equal("""["message","edited_message","callback_query","my_chat_member"]""", poll.Json("allowed_updates")!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_Batch_DispatchesInOrderAnswersCallbackAndAdvancesOffset()
    {
        var dispatcher = new RecordingDispatcher();
        EnqueueFixtureBatch();
        var service = Receiver(dispatcher);

        await service.StartAsync(default);
        var next = await _api.WaitForAsync(r => r.Method == "getUpdates" && r["offset"] == "873204513");
        await service.StopAsync(default);

        Assert.Equal(["873204511", "873204512"], dispatcher.Messages.Select(m => m.UpdateId));
        Assert.IsType<TextContent>(dispatcher.Messages[0].Content);
        Assert.Equal("svc:haircut", Assert.IsType<ButtonContent>(dispatcher.Messages[1].Content).Payload);
        Assert.Equal("1771047823465732101", Assert.Single(_api.Calls("answerCallbackQuery"))["callback_query_id"]);
        Assert.Equal("873204513", next["offset"]);
        Assert.Equal(873204513, service.Offset);
    }

    [Fact]
    public async Task ExecuteAsync_Conflict_LogsClearErrorBacksOffAndRecovers()
    {
        _api.Script("getUpdates", ScriptedResponse.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
        var dispatcher = new RecordingDispatcher();
        _api.EnqueueUpdate(TestSupport.TextUpdate(10, TestSupport.AnnaId, "hi"));
        var service = Receiver(dispatcher);

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => dispatcher.Messages.Count == 1, "the update after the conflict");
        await service.StopAsync(default);

        var error = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Id == 3104);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains("another instance", error.Message, StringComparison.Ordinal);
        Assert.Contains("webhook is active", error.Message, StringComparison.Ordinal);
        Assert.True(_api.Calls("getUpdates").Count() >= 2);
    }

    [Fact]
    public async Task ExecuteAsync_TooManyRequests_WaitsTheRetryAfterTelegramGives()
    {
        _api.Script("getUpdates", ScriptedResponse.Error(429, "Too Many Requests: retry after 30", retryAfter: 30));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var dispatcher = new RecordingDispatcher();
        _api.EnqueueUpdate(TestSupport.TextUpdate(12, TestSupport.AnnaId, "hi"));
        var service = Receiver(dispatcher, time: clock);

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => _logs.Collector.GetSnapshot().Any(r => r.Id.Id == 3105), "the 429 to be logged");

        // Well past the usual backoff, still inside the 30 seconds Telegram asked for: no second poll.
        clock.Advance(TimeSpan.FromSeconds(20));
        await Task.Delay(100);
        Assert.Single(_api.Calls("getUpdates"));
        Assert.Empty(dispatcher.Messages);

        clock.Advance(TimeSpan.FromSeconds(11));
        await TestSupport.EventuallyAsync(() => dispatcher.Messages.Count == 1, "the update after the wait");
        await service.StopAsync(default);
        Assert.Equal("12", Assert.Single(dispatcher.Messages).UpdateId);
    }

    [Fact]
    public async Task ExecuteAsync_NetworkFailureAndServerError_BacksOffAndRecovers()
    {
        _api.Script("getUpdates", ScriptedResponse.Drop(), ScriptedResponse.Error(500, "Internal Server Error"), ScriptedResponse.Raw(200, "{\"ok\":true,\"result\":[{"));
        var dispatcher = new RecordingDispatcher();
        _api.EnqueueUpdate(TestSupport.TextUpdate(11, TestSupport.AnnaId, "hi"));
        var service = Receiver(dispatcher);

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => dispatcher.Messages.Count == 1, "the update after the failures");
        await service.StopAsync(default);

        Assert.Equal(3, _logs.Collector.GetSnapshot().Count(r => r.Id.Id == 3105));
        Assert.Equal("11", Assert.Single(dispatcher.Messages).UpdateId);
    }

    [Fact]
    public async Task ExecuteAsync_ServerIgnoringTheLongPollTimeout_WaitsBetweenEmptyPollsInsteadOfSpinning()
    {
        _api.IgnoreLongPollTimeout = true;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var service = Receiver(new RecordingDispatcher(), o => o.MinimumPollInterval = TimeSpan.FromSeconds(1), clock);

        await service.StartAsync(default);
        for (var round = 1; round <= 3; round++)
        {
            await TestSupport.EventuallyAsync(() => service.IdleWaits == round, "idle wait " + round);
            Assert.Equal(round, service.Polls);
            Assert.Equal(round, _api.Calls("getUpdates").Count());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await service.StopAsync(default);
    }

    [Fact]
    public async Task StopAsync_DuringLongPoll_CancelsItPromptly()
    {
        var service = Receiver(new RecordingDispatcher(), o => o.PollingTimeout = TimeSpan.FromSeconds(45));
        await service.StartAsync(default);
        await _api.WaitForAsync("getUpdates");

        await service.StopAsync(default).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Single(_api.Calls("getUpdates"));
    }

    [Fact]
    public async Task StopAsync_WhileABatchIsProcessed_FinishesItAndConfirmsItsOffset()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new GatedDispatcher(gate.Task);
        _api.EnqueueUpdate(TestSupport.TextUpdate(500, TestSupport.AnnaId, "hi"));
        var service = Receiver(dispatcher);
        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => dispatcher.Started, "the batch to be dispatched");

        var stopping = service.StopAsync(default);
        gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(dispatcher.Finished);
        var polls = _api.Calls("getUpdates").ToList();
        Assert.Equal(2, polls.Count);
        Assert.Equal("501", polls[1]["offset"]);
        Assert.Equal("0", polls[1]["timeout"]);
        Assert.Equal(501, service.Offset);
    }

    [Fact]
    public async Task ExecuteAsync_WebhookModeWithUrl_RegistersTheWebhookAndDoesNotPoll()
    {
        var service = Receiver(new RecordingDispatcher(), o =>
        {
            o.Mode = TelegramReceiveMode.Webhook;
            o.WebhookSecret = "abc";
            o.WebhookUrl = new Uri("https://bot.example.org/hook");
        });

        await service.StartAsync(default);
        var call = await _api.WaitForAsync("setWebhook");
        await service.StopAsync(default);

        Assert.Equal("https://bot.example.org/hook", call["url"]);
        Assert.Equal("abc", call["secret_token"]);
        Assert.Empty(_api.Calls("getUpdates"));
    }

    private sealed class GatedDispatcher(Task gate) : IChatDispatcher
    {
        public bool Started { get; private set; }

        public bool Finished { get; private set; }

        public async ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
        {
            Started = true;
            await gate;
            Finished = true;
            return new DispatchResult(DispatchStatus.Handled, null, 0);
        }

        public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
