using ChatFlow;

namespace ChatFlow.Benchmarks;

/// <summary>Prints bytes allocated per operation of the dispatch path's pieces (run with --alloc).</summary>
internal static class AllocationProbe
{
    public static void Run()
    {
        var b = new DispatchBenchmarks();
        b.Setup();
        var scenario = b.Scenario;
        var stay = scenario.TryGetStep("s0", out var s0) ? s0.Rules[1].Trigger : null!;
        var next = s0!.Rules[0].Trigger;
        Measure("Stateless Fire bare", () => b.StatelessFire());
        Measure("Scenario.Fire internal (stay)", () => scenario.Fire("s0", stay, null));
        Measure("Scenario.Fire transition", () => scenario.Fire("s0", next, null));
        var store = new InMemoryConversationStore();
        var state = new ConversationState { Address = new ConversationAddress(ChannelId.Test, "1"), History = Enumerable.Range(0, 20).Select(i => "s" + i).ToList() };
        store.TrySaveAsync(state, 0, default).AsTask().GetAwaiter().GetResult();
        Measure("store.Load (clone)", () => store.LoadAsync(state.Address, default).GetAwaiter().GetResult());
        Measure("CloneForDelivery", () => state.CloneForDelivery());
        Measure("Dispatch stay", () => b.DispatchStay());
        Measure("Dispatch transition", () => b.DispatchTransition());
        using var sampler = new AllocationSampler();
        for (var i = 0; i < 2_000_000; i++)
        {
            b.DispatchTransition();
        }

        foreach (var (type, count) in sampler.Counts.OrderByDescending(kv => kv.Value).Take(25))
        {
            Console.WriteLine($"{count,6}  {type}");
        }
    }

    private static void Measure(string name, Action action)
    {
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        const int N = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < N; i++)
        {
            action();
        }

        Console.WriteLine($"{name,-40} {(GC.GetAllocatedBytesForCurrentThread() - before) / N,6} B");
    }
}
