namespace ChatFlow.Benchmarks;

/// <summary>
/// A quick look at the dialog benchmark without BenchmarkDotNet (run with --dialog): time and bytes per message with
/// all conversations at once and one after another, then the types allocated most, sampled.
/// </summary>
internal static class DialogProbe
{
    private const int Rounds = 20;
    private const int MessagesPerRound = 5_000;

    public static void Run()
    {
        var b = new DialogBenchmarks();
        b.Setup();
        for (var round = 0; round < 3; round++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var before = GC.GetTotalAllocatedBytes(true);
            for (var i = 0; i < Rounds; i++)
            {
                b.ChatFlowBot().GetAwaiter().GetResult();
            }

            var parallel = clock.Elapsed.TotalMicroseconds / (Rounds * MessagesPerRound);
            var bytes = (GC.GetTotalAllocatedBytes(true) - before) / (Rounds * MessagesPerRound);
            clock.Restart();
            for (var i = 0; i < Rounds; i++)
            {
                b.ChatFlowSequential().GetAwaiter().GetResult();
            }

            var sequential = clock.Elapsed.TotalMicroseconds / (Rounds * MessagesPerRound);
            Console.WriteLine($"all at once {parallel:F2} us/message, {bytes} B/message; one after another {sequential:F2} us/message");
        }

        using var sampler = new AllocationSampler();
        for (var i = 0; i < 100; i++)
        {
            b.ChatFlowSequential().GetAwaiter().GetResult();
        }

        foreach (var (type, count) in sampler.Counts.OrderByDescending(kv => kv.Value).Take(25))
        {
            Console.WriteLine($"{count,6}  {type}");
        }
    }
}
