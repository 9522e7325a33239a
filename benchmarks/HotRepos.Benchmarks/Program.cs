using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using HotRepos.Benchmarks;

// `latency`, `quota` and `process` measure wall time against the emulator's real sockets and delays (seconds per operation),
// which BenchmarkDotNet is not built for; everything else goes to BenchmarkDotNet (see benchmarks/RESULTS.md).
switch (args)
{
    case ["latency", .. var rest]:
        return await LatencyHidingMode.RunAsync(rest);
    case ["quota", .. var rest]:
        return await QuotaUseMode.RunAsync(rest);
    case ["process", .. var rest]:
        return await ProcessMode.RunAsync(rest);
    default:
        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(ParsePageBenchmark).Assembly).Run(args, config);
        return 0;
}
