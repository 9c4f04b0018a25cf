using BenchmarkDotNet.Running;

if (args.Contains("--dialog"))
{
    ChatFlow.Benchmarks.DialogProbe.Run();
    return;
}

if (args.Contains("--alloc"))
{
    ChatFlow.Benchmarks.AllocationProbe.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ChatFlow.Benchmarks.DispatchBenchmarks).Assembly).Run(args);
