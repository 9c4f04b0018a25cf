using ChatFlow.Channels.Vk.Inbound;
using ChatFlow.Channels.Vk.Tests.Fakes;

namespace ChatFlow.Channels.Vk.Tests.Inbound;

public sealed class VkLongPollServiceTests
{
    private static async Task<(VkTestContext Vk, VkLongPollService Service)> StartAsync(Action<VkOptions>? configure = null)
    {
        var vk = await VkTestContext.StartAsync(o =>
        {
            o.Mode = VkReceiveMode.LongPoll;
            configure?.Invoke(o);
        });
        var service = new VkLongPollService(vk.Channel, new VkUpdateProcessor(vk.Channel, () => vk.Dispatcher));
        await service.StartAsync(default);
        return (vk, service);
    }

    private static IReadOnlyList<RecordedRequest> Polls(FakeVkServer server) => server.Requests.Where(r => r.Path == "/lp").ToArray();

    private static Task WaitForPollsAsync(FakeVkServer server, int count) =>
        server.WaitForAsync(r => r.Count(x => x.Path == "/lp") >= count, what: $"{count} Long Poll requests");

    private static async Task StopAsync(VkTestContext vk, VkLongPollService service)
    {
        await service.StopAsync(default).WaitAsync(TimeSpan.FromSeconds(10));
        service.Dispose();
        await vk.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteAsync_TwoUpdates_DispatchesBothAnswersEventAndPollsWithNextTs()
    {
        var (vk, service) = await StartAsync();
        await WaitForPollsAsync(vk.Server, 1);
        var first = Polls(vk.Server)[0];
        Assert.Equal("GET", first.HttpMethod);
        Assert.Equal("a_check", first.Query["act"]);
        Assert.Equal("key1", first.Query["key"]);
        Assert.Equal("1523", first.Query["ts"]);
        Assert.Equal("25", first.Query["wait"]);
        Assert.Equal("229876543", vk.Server.Calls("groups.getLongPollServer")[0]["group_id"]);

        vk.Server.EnqueueLongPoll(Fixture.Text("longpoll_response_two_updates.json"));
        await WaitForPollsAsync(vk.Server, 2);
        await vk.Server.WaitForCallsAsync("messages.sendMessageEventAnswer", 1);

        Assert.Equal("1525", Polls(vk.Server)[1].Query["ts"]);
        Assert.Equal("key1", Polls(vk.Server)[1].Query["key"]);
        Assert.Collection(
            vk.Dispatcher.Messages,
            m => Assert.Equal(new TextContent("Привет! Хочу записаться"), m.Content),
            m => Assert.Equal("b8c3e1f04a27", Assert.IsType<ButtonContent>(m.Content).CallbackId));
        Assert.Single(vk.Server.Calls("groups.getLongPollServer"));
        await StopAsync(vk, service);
    }

    [Fact]
    public async Task ExecuteAsync_Failed1_ContinuesWithReturnedTsAndSameKey()
    {
        var (vk, service) = await StartAsync();
        vk.Server.EnqueueLongPoll(Fixture.Text("longpoll_failed_1.json"));
        await WaitForPollsAsync(vk.Server, 2);
        var next = Polls(vk.Server)[1];
        Assert.Equal("1530", next.Query["ts"]);
        Assert.Equal("key1", next.Query["key"]);
        Assert.Single(vk.Server.Calls("groups.getLongPollServer"));
        await StopAsync(vk, service);
    }

    [Fact]
    public async Task ExecuteAsync_Failed2_GetsNewKeyKeepsTs()
    {
        var (vk, service) = await StartAsync();
        vk.Server.EnqueueLongPoll(Fixture.Text("longpoll_failed_2.json"));
        await WaitForPollsAsync(vk.Server, 2);
        var next = Polls(vk.Server)[1];
        Assert.Equal("key2", next.Query["key"]);
        Assert.Equal("1523", next.Query["ts"]);
        Assert.Equal(2, vk.Server.Calls("groups.getLongPollServer").Count);
        await StopAsync(vk, service);
    }

    [Fact]
    public async Task ExecuteAsync_Failed3_GetsNewKeyAndTs()
    {
        var (vk, service) = await StartAsync();
        vk.Server.EnqueueLongPoll(Fixture.Text("longpoll_failed_3.json"));
        await WaitForPollsAsync(vk.Server, 2);
        var next = Polls(vk.Server)[1];
        Assert.Equal("key2", next.Query["key"]);
        Assert.Equal("1524", next.Query["ts"]);
        await StopAsync(vk, service);
    }

    [Theory]
    [InlineData("upstream down", 502)]
    [InlineData("{\"ts\":\"15", 200)]
    public async Task ExecuteAsync_NetworkOrMalformedAnswer_BacksOffOnTheClockThenPollsAgain(string body, int status)
    {
        var (vk, service) = await StartAsync();
        await WaitForPollsAsync(vk.Server, 1);
        vk.Server.EnqueueLongPoll(body, status);
        var retried = await vk.Server.TryWaitForAsync(r => r.Count(x => x.Path == "/lp") >= 2, TimeSpan.FromMilliseconds(100));
        Assert.False(retried, "polled again before the back-off elapsed");

        await vk.Server.AdvanceUntilAsync(vk.Clock, r => r.Count(x => x.Path == "/lp") >= 2, "the second poll");
        var next = Polls(vk.Server)[1];
        Assert.Equal("key1", next.Query["key"]);
        Assert.Equal("1523", next.Query["ts"]);
        Assert.Empty(vk.Dispatcher.Messages);
        await StopAsync(vk, service);
    }

    [Fact]
    public async Task ExecuteAsync_ServerNeverAnswers_TimesOutAfterWaitAndPollsAgain()
    {
        var (vk, service) = await StartAsync();
        await WaitForPollsAsync(vk.Server, 1);
        vk.Clock.Advance(TimeSpan.FromSeconds(39));
        var early = await vk.Server.TryWaitForAsync(r => r.Count(x => x.Path == "/lp") >= 2, TimeSpan.FromMilliseconds(100));
        Assert.False(early, "gave up on the poll before wait + 15 s");

        await vk.Server.AdvanceUntilAsync(vk.Clock, r => r.Count(x => x.Path == "/lp") >= 2, "a poll after the time-out");
        Assert.Equal("1523", Polls(vk.Server)[1].Query["ts"]);
        await StopAsync(vk, service);
    }

    [Fact]
    public async Task ExecuteAsync_GetLongPollServerError_BacksOffAndAsksAgain()
    {
        var vk = await VkTestContext.StartAsync(o => o.Mode = VkReceiveMode.LongPoll);
        vk.Server.Enqueue("groups.getLongPollServer", "{\"error\":{\"error_code\":15,\"error_msg\":\"Access denied: Long Poll is off\"}}");
        var service = new VkLongPollService(vk.Channel, new VkUpdateProcessor(vk.Channel, () => vk.Dispatcher));
        await service.StartAsync(default);
        await vk.Server.WaitForCallsAsync("groups.getLongPollServer", 1);
        await vk.Server.AdvanceUntilAsync(vk.Clock, r => r.Any(x => x.Path == "/lp"), "a poll after the error");
        Assert.Equal(2, vk.Server.Calls("groups.getLongPollServer").Count);
        await StopAsync(vk, service);
    }

    [Fact]
    public async Task StopAsync_WhilePolling_StopsCleanly()
    {
        var (vk, service) = await StartAsync();
        await WaitForPollsAsync(vk.Server, 1);
        await service.StopAsync(default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
        service.Dispose();
        await vk.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteAsync_CallbackMode_DoesNothing()
    {
        var vk = await VkTestContext.StartAsync();
        using var service = new VkLongPollService(vk.Channel, new VkUpdateProcessor(vk.Channel, () => vk.Dispatcher));
        await service.StartAsync(default);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(vk.Server.Requests);
        await vk.DisposeAsync();
    }
}
