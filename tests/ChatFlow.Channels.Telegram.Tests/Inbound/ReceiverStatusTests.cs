namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>The long-polling loop as an <see cref="IChannelReceiver"/>: what health checks see.</summary>
public sealed class ReceiverStatusTests : IAsyncLifetime
{
    private readonly FakeLogCollectorFactory _logs = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _logs.Dispose();
    }

    private TelegramReceiverService Receiver(Func<IChatDispatcher?> dispatcher, Action<TelegramOptions>? configure = null) =>
        new(new TelegramChannel(TestSupport.Options(_api, configure), loggerFactory: _logs), dispatcher);

    [Fact]
    public async Task GetStatus_PollAnswered_ReportsRunningWithLastActivity()
    {
        var service = Receiver(() => new RecordingDispatcher());
        Assert.Equal(ReceiverState.Starting, service.GetStatus().State);

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => service.GetStatus().State == ReceiverState.Running, "the receiver to run");
        var running = service.GetStatus();
        await service.StopAsync(default);

        Assert.Equal(ChannelId.Telegram, service.Channel);
        Assert.NotNull(running.LastActivity);
        Assert.Null(running.LastError);
        Assert.Equal(ReceiverState.Stopped, service.GetStatus().State);
    }

    [Fact]
    public async Task GetStatus_PollsFail_ReportsDegradedWithLastError()
    {
        _api.Script("getUpdates", Enumerable.Repeat(ScriptedResponse.Error(502, "Bad Gateway: upstream down"), 200).ToArray());
        var service = Receiver(() => new RecordingDispatcher());

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => service.GetStatus().State == ReceiverState.Degraded, "the receiver to report failures");
        var degraded = service.GetStatus();
        await service.StopAsync(default);

        Assert.Contains("upstream down", degraded.LastError, StringComparison.Ordinal);
        Assert.NotNull(degraded.LastErrorAt);
    }

    [Fact]
    public async Task GetStatus_LoopDiesOfAnException_ReportsFailed()
    {
        _api.EnqueueUpdate(TestSupport.TextUpdate(1, TestSupport.AnnaId, "hi"));
        var service = Receiver(() => throw new InvalidOperationException("the bot could not be built"));

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => service.ExecuteTask!.IsCompleted, "the loop to die");
        var status = service.GetStatus();

        Assert.True(service.ExecuteTask!.IsFaulted);
        Assert.Equal(ReceiverState.Failed, status.State);
        Assert.Contains("the bot could not be built", status.LastError, StringComparison.Ordinal);
        Assert.NotNull(status.LastErrorAt);
    }

    [Fact]
    public async Task GetStatus_WebhookModeWithoutUrl_ReportsRunning()
    {
        var service = Receiver(() => new RecordingDispatcher(), o =>
        {
            o.Mode = TelegramReceiveMode.Webhook;
            o.WebhookSecret = "s3cret_Token-1";
        });

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => service.ExecuteTask!.IsCompleted, "the receiver to settle");

        Assert.Equal(ReceiverState.Running, service.GetStatus().State);

        // Nothing is registered; the only call asks for the bot's username.
        Assert.Equal(["getMe"], _api.Requests.Select(r => r.Method));
        await service.StopAsync(default);
    }
}
