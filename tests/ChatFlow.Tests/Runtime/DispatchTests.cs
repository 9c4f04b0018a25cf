using ChatFlow;
using ChatFlow.Testing;

namespace ChatFlow.Tests.Runtime;

public class DispatchTests
{
    private static readonly ConversationAddress Address = new(ChannelId.Test, "7");

    private static Scenario Counter() => Scenario.Define("t", s =>
    {
        s.Step("count")
            .OnAnyText().Do((c, _) =>
            {
                var n = c.Values.GetOrDefault<long>("n") + 1;
                c.Values.Set("n", n);
                if (c.Message.Text == "boom")
                {
                    throw new InvalidOperationException("user code failed");
                }

                c.Say("n=" + n);
                return default;
            }).Stay();
    });

    private static IncomingMessage Text(string text, string? updateId = null) =>
        new(Address, new ChatUser("7"), new TextContent(text)) { UpdateId = updateId };

    [Fact]
    public async Task DuplicateUpdate_IsDroppedOnce()
    {
        var channel = new TestChannel();
        await using var bot = ChatBot.Create(b => b.AddScenario(Counter()).AddChannel(channel));
        Assert.Equal(DispatchStatus.Handled, (await bot.DispatchAsync(Text("a", "u1"))).Status);
        Assert.Equal(DispatchStatus.Duplicate, (await bot.DispatchAsync(Text("a", "u1"))).Status);
        Assert.Equal(DispatchStatus.Handled, (await bot.DispatchAsync(Text("b", "u2"))).Status);
        Assert.Equal(["n=1", "n=2"], channel.Sent.Select(d => d.Message.Text));
    }

    [Fact]
    public async Task UserCodeException_KeepsLastGoodState_AndApologizes()
    {
        var channel = new TestChannel();
        await using var bot = ChatBot.Create(b => b.AddScenario(Counter()).AddChannel(channel).Configure(o => o.Apology = "Oops, try again."));
        await bot.DispatchAsync(Text("a", "1"));
        var result = await bot.DispatchAsync(Text("boom", "2"));
        Assert.Equal(DispatchStatus.Failed, result.Status);
        var state = await bot.GetConversationAsync(Address);
        Assert.Equal(1L, state!.Values.Get<long>("n"));
        Assert.Contains("2", state.RecentUpdates);
        Assert.Equal("Oops, try again.", channel.Sent[^1].Message.Text);
        await bot.DispatchAsync(Text("c", "3"));
        Assert.Equal("n=2", channel.Sent[^1].Message.Text);
    }

    [Fact]
    public async Task UserCodeExceptionMidForm_KeepsCollectedValues()
    {
        var calls = 0;
        var scenario = Scenario.Define("t", s =>
        {
            s.Step("menu").Say("Menu").OnText("order").GoTo("order");
            s.Form("order", f => f
                .Ask("name", "Name?", Input.Text())
                .Ask("qty", "How many?", Input.Integer(1, 10))
                .OnDone((_, _) => ++calls == 1 ? throw new TimeoutException("CRM down") : default)
                .SayWhenDone("Done.")
                .Then("menu"));
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("hi");
        await t.SendAsync("order");
        await t.SendAsync("Anna");
        (await t.SendAsync("2")).ShouldReply("Sorry, something went wrong").ShouldBeAt("order/qty").ShouldHaveValue("name", "Anna");
        Assert.False(t.Values.ContainsKey("qty"));
        (await t.SendAsync("2")).ShouldReply("Done.").ShouldBeAt("menu").ShouldHaveValue("qty", 2L);
    }

    [Fact]
    public async Task FailedSend_IsRetriedLater_AndDeliveredOnce()
    {
        await using var t = new ChatTester(Counter());
        t.Channel.FailNext(DeliveryResult.RetryLater("429", TimeSpan.FromSeconds(30)));
        await t.SendAsync("a");
        Assert.Empty(t.Channel.Sent);
        Assert.Single(t.State!.Outbox);
        (await t.AdvanceAsync(TimeSpan.FromSeconds(29))).ShouldNotReply();
        (await t.AdvanceAsync(TimeSpan.FromSeconds(1))).ShouldReply("n=1");
        Assert.Empty(t.State!.Outbox);
        await t.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(t.Channel.Sent);
        Assert.Equal(2, t.Channel.Attempts);
    }

    [Fact]
    public async Task NetworkException_RetriesWithBackoff_KeepingOrder()
    {
        await using var t = new ChatTester(Counter());
        t.Channel.ThrowNext(new HttpRequestException("connection reset"));
        await t.SendAsync("a");
        await t.SendAsync("b");
        Assert.Empty(t.Channel.Sent);
        Assert.Equal(2, t.State!.Outbox.Count);
        await t.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(["n=1", "n=2"], t.Channel.Sent.Select(d => d.Message.Text));
    }

    [Fact]
    public async Task SameReply_KeepsItsIdempotencyKeyAcrossRetries()
    {
        await using var t = new ChatTester(Counter());
        var keys = new List<string>();
        t.Channel.OnSend = (d, _) =>
        {
            keys.Add(d.IdempotencyKey);
            return default;
        };
        t.Channel.FailNext(DeliveryResult.RetryLater("busy"), times: 2);
        await t.SendAsync("a");
        await t.AdvanceAsync(TimeSpan.FromSeconds(2));
        await t.AdvanceAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(3, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.Single(t.Channel.Sent);
    }

    [Fact]
    public async Task Unreachable_MarksConversation_AndStopsSending_UntilTheUserWrites()
    {
        await using var t = new ChatTester(Counter());
        t.Channel.FailNext(DeliveryResult.Unreachable("bot was blocked by the user"));
        await t.SendAsync("a");
        Assert.True(t.State!.Unreachable);
        Assert.Empty(t.State.Outbox);
        await t.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(1, t.Channel.Attempts);
        (await t.SendAsync("b")).ShouldReply("n=2");
        Assert.False(t.State!.Unreachable);
    }

    [Fact]
    public async Task UnsubscribedEvent_MarksUnreachable()
    {
        var scenario = Scenario.Define("t", s =>
        {
            s.Always().OnEvent(LifecycleEvent.Unsubscribed).Do((c, _) =>
            {
                c.Values.Set("left", true);
                return default;
            }).Stay();
            s.Step("a").Say("A").OnText("x").Stay();
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("hi");
        await t.SendAsync(new LifecycleContent(LifecycleEvent.Unsubscribed));
        Assert.True(t.State!.Unreachable);
        t.ShouldHaveValue("left", true);
    }

    [Fact]
    public async Task LifecycleEvents_WithoutRules_AreIgnored_ButAStartGreets()
    {
        var scenario = Scenario.Define("t", s => s.Step("a").Say("Welcome!").OnText("x").Stay().Otherwise().Say("Eh?"));
        await using var t = new ChatTester(scenario);
        (await t.SendAsync(new LifecycleContent(LifecycleEvent.ConversationStarted))).ShouldReply("Welcome!");
        (await t.SendAsync(new LifecycleContent(LifecycleEvent.Subscribed))).ShouldNotReply();
        Assert.Equal(DispatchStatus.Ignored, t.LastResult.Status);
        (await t.SendAsync(new LifecycleContent(LifecycleEvent.Unsubscribed))).ShouldNotReply();
        Assert.True(t.State!.Unreachable);
        Assert.Empty(t.State.Outbox);
        (await t.SendAsync("hello?")).ShouldReply("Eh?");
        Assert.Single(t.Replies);
    }

    [Fact]
    public async Task LifecycleEventBeforeTheFirstMessage_LeavesTheGreetingForIt()
    {
        var scenario = Scenario.Define("t", s => s.Step("a").Say("Welcome!").OnText("x").Stay().Otherwise().Say("Eh?"));
        await using var t = new ChatTester(scenario);
        (await t.SendAsync(new LifecycleContent(LifecycleEvent.Subscribed))).ShouldNotReply().ShouldBeAt(null);
        (await t.SendAsync("hi")).ShouldReply("Welcome!").ShouldBeAt("a");
    }

    [Fact]
    public async Task PermanentFailure_DropsOnlyThatReply()
    {
        await using var t = new ChatTester(Counter());
        t.Channel.FailNext(DeliveryResult.Failed("Bad Request: message is too long"));
        await t.SendAsync("a");
        await t.SendAsync("b");
        Assert.Equal(["n=2"], t.Channel.Sent.Select(d => d.Message.Text));
        Assert.Empty(t.State!.Outbox);
    }

    [Fact]
    public async Task RetriesRunOut_ReplyIsDropped()
    {
        await using var t = new ChatTester(Counter(), b => b.Configure(o => o.MaxDeliveryAttempts = 3));
        t.Channel.FailNext(DeliveryResult.RetryLater("down"), times: 3);
        await t.SendAsync("a");
        for (var i = 0; i < 5; i++)
        {
            await t.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, t.Channel.Attempts);
        Assert.Empty(t.Channel.Sent);
        Assert.Empty(t.State!.Outbox);
    }

    [Fact]
    public async Task CrashBetweenSaveAndSend_ResendsAfterRestart()
    {
        var store = new InMemoryConversationStore();
        var hanging = new TestChannel();
        var sendStarted = new TaskCompletionSource();
        hanging.OnSend = async (_, _) =>
        {
            sendStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite);
        };
        var scenario = Counter();

        // The first process saves the reply and dies while sending it: it never finishes.
        var first = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(hanging).UseStore(store));
        _ = first.DispatchAsync(Text("a", "1")).AsTask();
        await sendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single((await store.LoadAsync(Address, default))!.Outbox);

        var channel = new TestChannel();
        await using var restarted = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(channel).UseStore(store));
        Assert.Equal(1, await restarted.RunDueWorkAsync());
        Assert.Equal(["n=1"], channel.Sent.Select(d => d.Message.Text));
        Assert.Empty((await store.LoadAsync(Address, default))!.Outbox);
        Assert.Equal(0, await restarted.RunDueWorkAsync());
    }

    [Fact]
    public async Task Middleware_RunsInOrder_AndCanShortCircuit()
    {
        var order = new List<string>();
        await using var t = new ChatTester(Counter(), b => b
            .Use(async (c, next, ct) =>
            {
                order.Add("outer>");
                await next(c, ct);
                order.Add("<outer");
            })
            .Use((c, next, ct) =>
            {
                order.Add("inner");
                if (c.Message.Text == "blocked")
                {
                    c.Say("You are blocked.");
                    return default;
                }

                return next(c, ct);
            }));
        (await t.SendAsync("a")).ShouldReply("n=1");
        Assert.Equal(["outer>", "inner", "<outer"], order);
        (await t.SendAsync("blocked")).ShouldReply("You are blocked.");
        Assert.Equal(1L, t.Values.Get<long>("n"));
    }

    [Fact]
    public async Task SaveConflict_ProcessesTheMessageAgainOnFreshState()
    {
        var store = new ConflictingStore();
        var channel = new TestChannel();
        await using var bot = ChatBot.Create(b => b.AddScenario(Counter()).AddChannel(channel).UseStore(store));
        await bot.DispatchAsync(Text("a", "1"));
        store.ConflictsLeft = 2;
        var result = await bot.DispatchAsync(Text("b", "2"));
        Assert.Equal(DispatchStatus.Handled, result.Status);
        Assert.Equal(2L, (await bot.GetConversationAsync(Address))!.Values.Get<long>("n"));
        Assert.Equal(["n=1", "n=2"], channel.Sent.Select(d => d.Message.Text));
    }

    [Fact]
    public async Task SendAsync_ReachesAHandedOffConversation_InOrderAfterEarlierReplies()
    {
        var scenario = Scenario.Define("t", s =>
        {
            s.Always().OnText("human").Say("Connecting you.").HandOff("asked");
            s.Step("a").Say("A").OnText("x").Stay();
        });
        await using var t = new ChatTester(scenario);
        await t.SendAsync("hi");
        t.Channel.FailNext(DeliveryResult.RetryLater("busy", TimeSpan.FromSeconds(5)));
        await t.SendAsync("human");
        var result = await t.Bot.SendAsync(t.Address, ["Hello, this is Maria from support.", new OutgoingMessage("How can I help?")]);
        Assert.Equal(DispatchStatus.Handled, result.Status);
        Assert.Equal(3, (await t.Bot.GetConversationAsync(t.Address))!.Outbox.Count);
        await t.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["A", "Connecting you.", "Hello, this is Maria from support.", "How can I help?"], t.Channel.SentTo(t.Address).Select(d => d.Message.Text));
        Assert.Equal(ConversationMode.Operator, t.State!.Mode);
    }

    [Fact]
    public async Task SendAsync_ToAnUnreachableUser_IsDropped()
    {
        await using var t = new ChatTester(Counter());
        await t.SendAsync("a");
        await t.SendAsync(new LifecycleContent(LifecycleEvent.Unsubscribed));
        await t.Bot.SendAsync(t.Address, ["News!"]);
        Assert.Empty((await t.Bot.GetConversationAsync(t.Address))!.Outbox);
        Assert.Equal(["n=1"], t.Channel.SentTo(t.Address).Select(d => d.Message.Text));
        await Assert.ThrowsAsync<ArgumentException>(async () => await t.Bot.SendAsync(t.Address, []));
    }

    [Fact]
    public async Task MoveConversation_KeepsEverything()
    {
        await using var t = new ChatTester(Counter());
        await t.SendAsync("a");
        var to = new ConversationAddress(ChannelId.Test, "-1001");
        Assert.True(await t.Bot.MoveConversationAsync(t.Address, to));
        Assert.Null(await t.Bot.GetConversationAsync(t.Address));
        var moved = await t.Bot.GetConversationAsync(to);
        Assert.Equal(1L, moved!.Values.Get<long>("n"));
        Assert.Equal(to, moved.Address);
        Assert.False(await t.Bot.MoveConversationAsync(t.Address, to));
    }

    [Fact]
    public async Task EnqueueAsync_ProcessesInBackground_AndWhenIdleWaits()
    {
        var channel = new TestChannel();
        await using var bot = ChatBot.Create(b => b.AddScenario(Counter()).AddChannel(channel));
        for (var i = 0; i < 20; i++)
        {
            await bot.EnqueueAsync(Text("m" + i, "e" + i));
        }

        await bot.WhenIdleAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => "n=" + i), channel.Sent.Select(d => d.Message.Text));
    }

    private sealed class ConflictingStore : ChatFlow.Tests.Storage.DelegatingStore
    {
        public int ConflictsLeft { get; set; }

        public override ValueTask<bool> TrySaveAsync(ConversationState state, long expectedVersion, CancellationToken cancellationToken)
        {
            if (ConflictsLeft > 0)
            {
                ConflictsLeft--;
                return new(false);
            }

            return base.TrySaveAsync(state, expectedVersion, cancellationToken);
        }
    }
}
