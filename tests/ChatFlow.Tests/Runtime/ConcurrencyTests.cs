using System.Collections.Concurrent;
using System.Globalization;
using ChatFlow;
using ChatFlow.Testing;
using CsCheck;

namespace ChatFlow.Tests.Runtime;

public class ConcurrencyTests
{
    /// <summary>Each message appends its text to a log value and echoes it; the log shows the processing order.</summary>
    private static Scenario Recorder() => Scenario.Define("rec", s =>
        s.Step("log").OnAnyText().Do((c, _) =>
        {
            var text = c.Message.Text!;
            var log = c.Values.GetOrDefault<string>("log");
            c.Values.Set("log", log is null ? text : log + "," + text);
            c.Values.Set("n", c.Values.GetOrDefault<long>("n") + 1);
            c.Say(text);
            return default;
        }).Stay());

    [Fact]
    public async Task ManyConversations_WithBurstsFromManyThreads_KeepOrder_AndLoseNothing()
    {
        const int Conversations = 2000;
        const int Messages = 25;
        const int Burst = 5;
        var channel = new TestChannel();
        var inFlight = new ConcurrentDictionary<ConversationAddress, int>();
        var overlaps = 0;
        channel.OnSend = async (d, _) =>
        {
            if (inFlight.AddOrUpdate(d.Address, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            inFlight.AddOrUpdate(d.Address, 0, (_, n) => n - 1);
        };
        await using var bot = ChatBot.Create(b => b.AddScenario(Recorder()).AddChannel(channel));

        await Parallel.ForEachAsync(Enumerable.Range(0, Conversations), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) =>
        {
            var address = new ConversationAddress(ChannelId.Test, c.ToString(CultureInfo.InvariantCulture));
            var user = new ChatUser(address.ChatId);
            var pending = new List<Task<DispatchResult>>();
            for (var b = 0; b < Messages / Burst; b++)
            {
                // Each burst is dispatched from another pool thread, without waiting for the previous one.
                var first = b * Burst;
                var burst = await Task.Run(() => Enumerable.Range(first, Burst)
                    .Select(i => bot.DispatchAsync(new IncomingMessage(address, user, new TextContent("m" + i)) { UpdateId = $"{c}:{i}" }).AsTask())
                    .ToList());
                pending.AddRange(burst);
            }

            var results = await Task.WhenAll(pending);
            Assert.All(results, r => Assert.Equal(DispatchStatus.Handled, r.Status));
        });

        var expectedLog = string.Join(",", Enumerable.Range(0, Messages).Select(i => "m" + i));
        var sent = channel.Sent.GroupBy(d => d.Address).ToDictionary(g => g.Key, g => g.Select(d => d.Message.Text).ToList());
        Assert.Equal(Conversations, sent.Count);
        for (var c = 0; c < Conversations; c++)
        {
            var address = new ConversationAddress(ChannelId.Test, c.ToString(CultureInfo.InvariantCulture));
            var state = await bot.GetConversationAsync(address);
            Assert.Equal(expectedLog, state!.Values.Get<string>("log"));
            Assert.Equal((long)Messages, state.Values.Get<long>("n"));
            Assert.Empty(state.Outbox);
            Assert.Equal(Enumerable.Range(0, Messages).Select(i => "m" + i), sent[address]);
        }

        Assert.Equal(Conversations * Messages, channel.Sent.Count);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void Dispatch_Property_ProcessesEachUpdateOnce_InArrivalOrderPerConversation()
    {
        // A random stream of (conversation, update id) with repeats, dispatched without waiting
        // between calls from several threads in turn.
        var gen = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 15]).Array[1, 60];
        gen.Sample(stream =>
        {
            var channel = new TestChannel();
            var bot = ChatBot.Create(b => b.AddScenario(Recorder()).AddChannel(channel));
            try
            {
                var tasks = new List<Task>();
                foreach (var chunk in stream.Chunk(7))
                {
                    var calls = Task.Run(() => chunk.Select(m => bot.DispatchAsync(new IncomingMessage(
                        new ConversationAddress(ChannelId.Test, "c" + m.Item1),
                        new ChatUser("u"),
                        new TextContent("u" + m.Item2)) { UpdateId = "u" + m.Item2 }).AsTask()).ToList()).GetAwaiter().GetResult();
                    tasks.AddRange(calls);
                }

                Task.WhenAll(tasks).GetAwaiter().GetResult();
                foreach (var conversation in stream.Select(m => m.Item1).Distinct())
                {
                    var expected = stream.Where(m => m.Item1 == conversation).Select(m => "u" + m.Item2).Distinct().ToList();
                    var address = new ConversationAddress(ChannelId.Test, "c" + conversation);
                    var log = bot.GetConversationAsync(address).AsTask().GetAwaiter().GetResult()!.Values.Get<string>("log");
                    if (log != string.Join(",", expected) || !channel.SentTo(address).Select(d => d.Message.Text).SequenceEqual(expected))
                    {
                        return false;
                    }
                }

                return true;
            }
            finally
            {
                bot.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }, iter: 200);
    }

    [Fact]
    public async Task IdleMailboxes_AreForgotten_WithoutTheHostedWorker()
    {
        await using var bot = ChatBot.Create(b => b.AddScenario(Recorder()).AddChannel(new TestChannel()));
        for (var c = 0; c < 5000; c++)
        {
            await bot.DispatchAsync(new IncomingMessage(new ConversationAddress(ChannelId.Test, "c" + c), new ChatUser("u"), new TextContent("x")));
        }

        Assert.InRange(bot.QueuedConversations, 0, 2049);
    }

    [Fact]
    public async Task SlowConversation_DoesNotBlockOthers()
    {
        var gate = new TaskCompletionSource();
        var channel = new TestChannel();
        channel.OnSend = async (d, _) =>
        {
            if (d.Address.ChatId == "slow")
            {
                await gate.Task;
            }
        };
        await using var bot = ChatBot.Create(b => b.AddScenario(Recorder()).AddChannel(channel));
        var slow = bot.DispatchAsync(new IncomingMessage(new ConversationAddress(ChannelId.Test, "slow"), new ChatUser("s"), new TextContent("a"))).AsTask();
        var fast = await bot.DispatchAsync(new IncomingMessage(new ConversationAddress(ChannelId.Test, "fast"), new ChatUser("f"), new TextContent("b"))).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(DispatchStatus.Handled, fast.Status);
        Assert.False(slow.IsCompleted);
        gate.SetResult();
        Assert.Equal(DispatchStatus.Handled, (await slow.WaitAsync(TimeSpan.FromSeconds(10))).Status);
    }
}
