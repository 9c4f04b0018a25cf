using BenchmarkDotNet.Attributes;
using ChatFlow;
using Stateless;

namespace ChatFlow.Benchmarks;

/// <summary>
/// One text message dispatched through a 10-step scenario (in-memory store, no-op channel),
/// against a bare Stateless <c>Fire</c> of a 10-state machine as the baseline.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private const int Steps = 10;
    private ChatBot _bot = null!;

    internal Scenario Scenario { get; private set; } = null!;
    private IncomingMessage[] _messages = null!;
    private StateMachine<int, int> _machine = null!;
    private int _state;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = Scenario.Define("bench", s =>
        {
            for (var i = 0; i < Steps; i++)
            {
                var next = "s" + ((i + 1) % Steps);
                s.Step("s" + i)
                    .Say("Step " + i)
                    .OnText("next").GoTo(next)
                    .OnText("stay").Stay();
            }
        });
        Scenario = scenario;
        _bot = ChatBot.Create(b => b.AddScenario(scenario).AddChannel(new NoopChannel()));
        var address = new ConversationAddress(ChannelId.Test, "42");
        var user = new ChatUser("42");
        _messages = [new IncomingMessage(address, user, new TextContent("next")), new IncomingMessage(address, user, new TextContent("stay"))];
        _bot.DispatchAsync(_messages[0]).AsTask().GetAwaiter().GetResult();

        _machine = new StateMachine<int, int>(() => _state, s => _state = s);
        for (var i = 0; i < Steps; i++)
        {
            _machine.Configure(i).Permit(0, (i + 1) % Steps).OnEntry(() => _next++);
        }
    }

    [Benchmark(Baseline = true, Description = "Stateless Fire (bare, 10 states)")]
    public void StatelessFire() => _machine.Fire(0);

    [Benchmark(Description = "ChatBot.DispatchAsync: text -> go to next step (entry reply sent)")]
    public DispatchResult DispatchTransition() => _bot.DispatchAsync(_messages[0]).GetAwaiter().GetResult();

    [Benchmark(Description = "ChatBot.DispatchAsync: text -> stay (no reply)")]
    public DispatchResult DispatchStay() => _bot.DispatchAsync(_messages[1]).GetAwaiter().GetResult();
}
