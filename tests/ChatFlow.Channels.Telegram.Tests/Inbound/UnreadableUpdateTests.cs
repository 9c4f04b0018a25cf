using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>
/// Long polling with updates Telegram.Bot's deserializer cannot read: each one is skipped with a Warning and the
/// offset moves past it, so one bad update never holds up the others.
/// </summary>
public sealed class UnreadableUpdateTests : IAsyncLifetime
{
    private const string Secret = "do not log this text";
    private const string Anna = """{"id":412345678,"is_bot":false,"first_name":"Anna"}""";
    private const string Chat = """{"id":412345678,"type":"private"}""";
    private readonly FakeLogCollectorFactory _logs = new();
    private FakeBotApi _api = null!;

    /// <summary>Updates with update_id 2 that the deserializer throws on, and the exception it throws.</summary>
    public static TheoryData<string, string> Unreadable => new()
    {
        {
            // KeyNotFoundException: a chat member without "status".
            Json("""{"update_id":2,"my_chat_member":{"chat":@chat,"from":@anna,"date":1749992000,"old_chat_member":{"user":@anna},"new_chat_member":{"user":@anna}}}"""),
            "chat member without a status"
        },
        {
            // ArgumentOutOfRangeException: a date past year 9999.
            Json("""{"update_id":2,"message":{"message_id":2,"from":@anna,"chat":@chat,"date":99999999999999,"text":"@secret"}}"""),
            "date past 9999"
        },
        {
            // JsonException: the chat is a string.
            Json("""{"update_id":2,"message":{"message_id":2,"from":@anna,"chat":"412345678","date":1749991234,"text":"@secret"}}"""),
            "chat as a string"
        },
    };

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _logs.Dispose();
    }

    private static string Json(string template) => template
        .Replace("@anna", Anna, StringComparison.Ordinal)
        .Replace("@chat", Chat, StringComparison.Ordinal)
        .Replace("@secret", Secret, StringComparison.Ordinal);

    private TelegramReceiverService Receiver(IChatDispatcher dispatcher, TimeProvider? time = null) =>
        new(new TelegramChannel(TestSupport.Options(_api), timeProvider: time, loggerFactory: _logs), () => dispatcher);

    private List<FakeLogRecord> Skipped() =>
        _logs.Collector.GetSnapshot().Where(r => r.Id.Id == 3125).ToList();

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task ExecuteAsync_UnreadableUpdateBetweenTwoGoodOnes_SkipsItWithAWarningAndDispatchesTheOthersInOrder(string unreadable, string kind)
    {
        var dispatcher = new RecordingDispatcher();
        _api.EnqueueUpdate(TestSupport.TextUpdate(1, TestSupport.AnnaId, "first"));
        _api.EnqueueUpdate(unreadable);
        _api.EnqueueUpdate(TestSupport.TextUpdate(3, TestSupport.AnnaId, "third"));
        var service = Receiver(dispatcher);

        await service.StartAsync(default);
        var next = await _api.WaitForAsync(r => r.Method == "getUpdates" && r["offset"] is not null);
        await service.StopAsync(default);

        Assert.Equal(["1", "3"], dispatcher.Messages.Select(m => m.UpdateId));
        Assert.Equal(["first", "third"], dispatcher.Messages.Select(m => m.Text));
        Assert.Equal("4", next["offset"]);
        Assert.Equal(4, service.Offset);
        var warning = Assert.Single(Skipped());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("2", warning.StructuredState!.Single(p => p.Key == "UpdateId").Value);
        Assert.False(string.IsNullOrWhiteSpace(warning.StructuredState!.Single(p => p.Key == "Reason").Value), kind);
        Assert.DoesNotContain(_logs.Collector.GetSnapshot(), r => r.Id.Id == 3105);
        Assert.DoesNotContain(_logs.Collector.GetSnapshot(), r => r.Level > LogLevel.Trace && r.Message.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Collector.GetSnapshot(), r => r.Message.Contains(FakeBotApi.Token, StringComparison.Ordinal));
        Assert.Equal(ReceiverState.Stopped, service.GetStatus().State);
    }

    [Fact]
    public async Task ExecuteAsync_UnreadableUpdate_IsLoggedWithItsJsonAtTraceOnly()
    {
        var dispatcher = new RecordingDispatcher();
        _api.EnqueueUpdate(Json("""{"update_id":2,"message":{"message_id":2,"from":@anna,"chat":@chat,"date":99999999999999,"text":"@secret"}}"""));
        var service = Receiver(dispatcher);

        await service.StartAsync(default);
        await _api.WaitForAsync(r => r.Method == "getUpdates" && r["offset"] == "3");
        await service.StopAsync(default);

        var withText = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Message.Contains(Secret, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Trace, withText.Level);
    }

    [Fact]
    public async Task ExecuteAsync_BatchOfOnlyUnreadableUpdates_StillAdvancesTheOffset()
    {
        var dispatcher = new RecordingDispatcher();
        _api.EnqueueUpdate(Json("""{"update_id":7,"my_chat_member":{"chat":@chat,"from":@anna,"date":1,"old_chat_member":{"user":@anna},"new_chat_member":{"user":@anna}}}"""));
        _api.EnqueueUpdate(Json("""{"update_id":8,"message":{"message_id":8,"from":@anna,"chat":"x","date":1,"text":"x"}}"""));
        var service = Receiver(dispatcher);

        await service.StartAsync(default);
        var next = await _api.WaitForAsync(r => r.Method == "getUpdates" && r["offset"] is not null);
        _api.EnqueueUpdate(TestSupport.TextUpdate(9, TestSupport.AnnaId, "after"));
        await TestSupport.EventuallyAsync(() => dispatcher.Messages.Count == 1, "the update after the unreadable ones");
        await service.StopAsync(default);

        Assert.Equal("9", next["offset"]);
        Assert.Equal(["7", "8"], Skipped().Select(r => r.StructuredState!.Single(p => p.Key == "UpdateId").Value));
        Assert.Equal("9", Assert.Single(dispatcher.Messages).UpdateId);
        Assert.Equal(10, service.Offset);
    }

    [Fact]
    public async Task ExecuteAsync_UnreadablePressBetweenTwoPresses_AnswersTheReadableOnes()
    {
        var dispatcher = new RecordingDispatcher();
        _api.EnqueueUpdate(TestSupport.CallbackUpdate(1, TestSupport.AnnaId, "size:s", "q1"));
        _api.EnqueueUpdate(Json("""{"update_id":2,"callback_query":{"id":"q2","from":@anna,"chat_instance":"-1","data":"size:m","message":{"message_id":77,"chat":"x","date":1,"text":"Pick"}}}"""));
        _api.EnqueueUpdate(TestSupport.CallbackUpdate(3, TestSupport.AnnaId, "size:l", "q3"));
        var service = Receiver(dispatcher);

        await service.StartAsync(default);
        await _api.WaitForAsync(r => r.Method == "getUpdates" && r["offset"] == "4");
        await service.StopAsync(default);

        Assert.Equal(["size:s", "size:l"], dispatcher.Messages.Select(m => Assert.IsType<ButtonContent>(m.Content).Payload));
        Assert.Equal(["q1", "q3"], _api.Calls("answerCallbackQuery").Select(c => c["callback_query_id"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StopAsync_AfterABatch_ConfirmsTheOffsetEvenWhenTheNextUpdateIsUnreadable()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new GatedDispatcher(gate.Task);
        _api.EnqueueUpdate(TestSupport.TextUpdate(500, TestSupport.AnnaId, "hi"));
        var service = Receiver(dispatcher);
        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => dispatcher.Started, "the batch to be dispatched");
        _api.EnqueueUpdate(Json("""{"update_id":501,"message":{"message_id":2,"from":@anna,"chat":"x","date":1,"text":"x"}}"""));

        var stopping = service.StopAsync(default);
        gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));

        var polls = _api.Calls("getUpdates").ToList();
        Assert.Equal(2, polls.Count);
        Assert.Equal("501", polls[1]["offset"]);
        Assert.DoesNotContain(_logs.Collector.GetSnapshot(), r => r.Id.Id == 3105);
    }

    [Theory]
    [InlineData("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html")]
    [InlineData("""{"ok":true,"result":{"update_id":1}}""", "application/json")]
    [InlineData("""{"ok":true}""", "application/json")]
    [InlineData("""{"ok":true,"result":[{"message":{}}]}""", "application/json")]
    public async Task ExecuteAsync_AnswerThatIsNotABatch_BacksOffAndPollsAgain(string body, string contentType)
    {
        _api.Script("getUpdates", ScriptedResponse.Raw(200, body, contentType));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var dispatcher = new RecordingDispatcher();
        var service = Receiver(dispatcher, clock);

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => _logs.Collector.GetSnapshot().Any(r => r.Id.Id == 3105), "the failed poll to be logged");
        var degraded = service.GetStatus();
        Assert.Equal(1, service.Polls);

        // The retry waits for the backoff on the receiver's clock.
        _api.EnqueueUpdate(TestSupport.TextUpdate(11, TestSupport.AnnaId, "hi"));
        await TestSupport.EventuallyAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(50));
                return dispatcher.Messages.Count == 1;
            },
            "the update after the failure");
        await service.StopAsync(default);

        Assert.Equal(ReceiverState.Degraded, degraded.State);
        Assert.NotNull(degraded.LastError);
        Assert.False(service.ExecuteTask!.IsFaulted);
        Assert.Equal("11", Assert.Single(dispatcher.Messages).UpdateId);
        Assert.Equal(12, service.Offset);
    }

    private sealed class GatedDispatcher(Task gate) : IChatDispatcher
    {
        public bool Started { get; private set; }

        public async ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
        {
            Started = true;
            await gate;
            return new DispatchResult(DispatchStatus.Handled, null, 0);
        }

        public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
