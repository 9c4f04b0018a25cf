using ChatFlow.Channels.Vk.Inbound;
using ChatFlow.Channels.Vk.Tests.Fakes;

namespace ChatFlow.Channels.Vk.Tests.Inbound;

/// <summary>The Long Poll loop as an <see cref="IChannelReceiver"/>: what health checks see.</summary>
public sealed class VkReceiverStatusTests
{
    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.False(cts.IsCancellationRequested, "Timed out waiting for " + what);
            await Task.Delay(10, CancellationToken.None);
        }
    }

    [Fact]
    public async Task GetStatus_LongPollServerError_ReportsDegradedWithLastErrorThenStopped()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.Mode = VkReceiveMode.LongPoll);
        vk.Server.Enqueue("groups.getLongPollServer", "{\"error\":{\"error_code\":15,\"error_msg\":\"Access denied: Long Poll is off\"}}");
        using var service = new VkLongPollService(vk.Channel, new VkUpdateProcessor(vk.Channel, () => vk.Dispatcher));
        Assert.Equal(ReceiverState.Starting, service.GetStatus().State);

        await service.StartAsync(default);
        await EventuallyAsync(() => service.GetStatus().State == ReceiverState.Degraded, "the failure to be reported");
        var degraded = service.GetStatus();
        await service.StopAsync(default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ChannelId.Vk, service.Channel);
        Assert.Contains("Long Poll is off", degraded.LastError, StringComparison.Ordinal);
        Assert.Equal(vk.Clock.GetUtcNow(), degraded.LastErrorAt);
        Assert.Equal(ReceiverState.Stopped, service.GetStatus().State);
    }

    [Fact]
    public async Task GetStatus_PollAnswered_ReportsRunningWithLastActivity()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.Mode = VkReceiveMode.LongPoll);
        using var service = new VkLongPollService(vk.Channel, new VkUpdateProcessor(vk.Channel, () => vk.Dispatcher));

        await service.StartAsync(default);
        vk.Server.EnqueueLongPoll(Fixture.Text("longpoll_response_two_updates.json"));
        await EventuallyAsync(() => service.GetStatus().State == ReceiverState.Running, "a poll to be answered");
        var running = service.GetStatus();
        await service.StopAsync(default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(vk.Clock.GetUtcNow(), running.LastActivity);
        Assert.Null(running.LastError);
    }

    [Fact]
    public async Task GetStatus_CallbackApiMode_ReportsRunningWithoutPolling()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.Mode = VkReceiveMode.CallbackApi);
        using var service = new VkLongPollService(vk.Channel, new VkUpdateProcessor(vk.Channel, () => vk.Dispatcher));

        await service.StartAsync(default);
        await EventuallyAsync(() => service.ExecuteTask!.IsCompleted, "the service to settle");

        Assert.Equal(ReceiverState.Running, service.GetStatus().State);
        Assert.Empty(vk.Server.Calls("groups.getLongPollServer"));
        await service.StopAsync(default);
    }
}
