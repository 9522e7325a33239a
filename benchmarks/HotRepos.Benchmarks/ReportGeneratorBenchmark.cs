using BenchmarkDotNet.Attributes;
using HotRepos.GitHub;
using HotRepos.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.Benchmarks;

/// <summary>
/// Benchmark 3: one 500-repository week report end to end through the real pipeline (typed HttpClient with its
/// Polly handlers, rate-limit gate, Dataflow graph, streaming parser, merge, group, CSV and the atomic file
/// write) over the in-memory <c>SampleGitHubHandler</c>, which writes real-shape JSON for every page.
/// Reports per second = 1 / Mean.
/// </summary>
[MemoryDiagnoser]
public class ReportGeneratorBenchmark
{
    private static readonly ReportRequest Request = new() { Period = Period.Week, Top = 500 };

    private ServiceProvider? _services;
    private IReportGenerator? _generator;
    private string _outputDirectory = "";

    [GlobalSetup]
    public void Setup()
    {
        _outputDirectory = Path.Combine(Path.GetTempPath(), "hotrepos-bench-" + Guid.NewGuid().ToString("N"));
        _services = new ServiceCollection()
            .AddLogging()
            .AddHotRepos(github => github.Source = RepositorySource.Sample, reports => reports.OutputDirectory = _outputDirectory)
            .BuildServiceProvider();
        _generator = _services.GetRequiredService<IReportGenerator>();

        var result = WeekReport500().GetAwaiter().GetResult();
        if (result.Repositories != Request.Top)
        {
            throw new InvalidOperationException($"ReportGeneratorBenchmark setup: the report holds {result.Repositories} repositories, not {Request.Top}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        if (Directory.Exists(_outputDirectory))
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public Task<ReportResult> WeekReport500() => _generator!.GenerateAsync(Request);
}
