using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ChatFlow.Benchmarks.DispatchBenchmarks).Assembly).Run(args);
