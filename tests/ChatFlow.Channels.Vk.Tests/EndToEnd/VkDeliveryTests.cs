using ChatFlow.Channels.Vk.Tests.Fakes;
using ShopBot;

namespace ChatFlow.Channels.Vk.Tests.EndToEnd;

/// <summary>The runtime's retries and unreachable handling, with the real channel and the fake VK.</summary>
public sealed class VkDeliveryTests
{
    private static IncomingMessage Start(string updateId) =>
        new(new ConversationAddress(ChannelId.Vk, Fixture.UserId), new ChatUser(Fixture.UserId), new CommandContent("start")) { UpdateId = updateId };

    [Fact]
    public async Task ChatBot_SendFailsWithError6ThenSucceeds_ArrivesOnceWithSameRandomId()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", Fixture.Text("error_6_too_many_requests.json"));
        await using var bot = ChatBot.Create(b => b.AddScenario(ShopScenario.Create()).AddChannel(vk.Channel).UseTimeProvider(vk.Clock));

        await bot.DispatchAsync(Start("1"));
        Assert.Single(vk.Server.Calls("messages.send"));
        Assert.Equal(0, vk.Server.DeliveredCount);
        Assert.Single((await bot.GetConversationAsync(new ConversationAddress(ChannelId.Vk, Fixture.UserId)))!.Outbox);

        vk.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.RunDueWorkAsync();

        var sends = vk.Server.Calls("messages.send");
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0]["random_id"], sends[1]["random_id"]);
        Assert.Equal(sends[0]["message"], sends[1]["message"]);
        Assert.Equal(1, vk.Server.DeliveredCount);
        Assert.Empty((await bot.GetConversationAsync(new ConversationAddress(ChannelId.Vk, Fixture.UserId)))!.Outbox);
    }

    [Fact]
    public async Task ChatBot_AnswerLostAfterVkSent_ResendIsDroppedByRandomId()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(5));
        var hold = new TaskCompletionSource();
        await using var bot = ChatBot.Create(b => b.AddScenario(ShopScenario.Create()).AddChannel(vk.Channel).UseTimeProvider(vk.Clock));

        // VK takes the message, but the answer never arrives: the channel times out and the runtime retries.
        vk.Server.Enqueue("messages.send", new FakeReply("{\"response\":1}") { Hold = hold });
        var first = bot.DispatchAsync(Start("1")).AsTask();
        await vk.Server.WaitForCallsAsync("messages.send", 1);
        vk.Clock.Advance(TimeSpan.FromSeconds(5));
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        hold.TrySetResult();

        vk.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.RunDueWorkAsync();
        var sends = vk.Server.Calls("messages.send");
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0]["random_id"], sends[1]["random_id"]);
    }

    [Fact]
    public async Task ChatBot_Error901_MarksConversationUnreachableAndRaisesEvent()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", Fixture.Text("error_901_deny_send.json"));
        await using var bot = ChatBot.Create(b => b.AddScenario(ShopScenario.Create()).AddChannel(vk.Channel).UseTimeProvider(vk.Clock));

        // The test context's handler gave the channel its recording dispatcher; the event goes there.
        await bot.DispatchAsync(Start("1"));
        var state = await bot.GetConversationAsync(new ConversationAddress(ChannelId.Vk, Fixture.UserId));
        Assert.True(state!.Unreachable);
        var raised = Assert.Single(vk.Dispatcher.Messages);
        Assert.Equal(LifecycleEvent.Unreachable, Assert.IsType<LifecycleContent>(raised.Content).Event);
    }

    [Fact]
    public async Task ChatBot_LongText_IsSplitAt9000()
    {
        await using var vk = await VkTestContext.StartAsync();
        var text = string.Concat(Enumerable.Repeat("Слово ", 2000));
        var scenario = Scenario.Define("long", s =>
        {
            s.Step("start").OnAnyText().GoTo("read");
            s.Step("read").Say(text).OnAnyText().Stay();
        });
        await using var bot = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(vk.Channel).UseTimeProvider(vk.Clock));
        await bot.DispatchAsync(new IncomingMessage(new ConversationAddress(ChannelId.Vk, Fixture.UserId), new ChatUser(Fixture.UserId), new TextContent("go")) { UpdateId = "1" });

        var parts = vk.Server.Calls("messages.send").Select(c => c["message"]).ToArray();
        Assert.Equal(2, parts.Length);
        Assert.All(parts, p => Assert.True(p.Length <= 9000));
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(parts).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
    }
}
