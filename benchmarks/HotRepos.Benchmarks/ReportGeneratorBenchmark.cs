using System.Globalization;
using BenchmarkDotNet.Attributes;
using HotRepos.GitHub;
using HotRepos.Reports;
using HotRepos.Sample;
using Microsoft.Extensions.DependencyInjection;
using HotRepos.Requests;

namespace HotRepos.Benchmarks;

/// <summary>
/// Benchmark 3: one 500-repository week report end to end through the real pipeline (typed HttpClient with its
/// Polly handlers, rate-limit gate, Dataflow graph, streaming parser, merge, group, CSV and the atomic file
/// write) over the in-memory <c>SampleGitHubHandler</c>, which writes real-shape JSON for every page.
/// Reports per second = 1 / Mean.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // The invoker is disposed in [GlobalCleanup], BenchmarkDotNet's disposal hook.
public class ReportGeneratorBenchmark
#pragma warning restore CA1001
{
    private static readonly ReportRequest Request = new() { Period = Period.Week, Top = 500 };

    private ServiceProvider? _services;
    private IReportGenerator? _generator;
    private HttpMessageInvoker? _invoker;
    private string _outputDirectory = "";

    [GlobalSetup]
    public void Setup()
    {
        _outputDirectory = Path.Combine(Path.GetTempPath(), "hotrepos-bench-" + Guid.NewGuid().ToString("N"));
        _services = new ServiceCollection()
            .AddLogging()
            .AddHotRepos(github => github.Source = RepositorySource.Sample, reports => reports.OutputDirectory = _outputDirectory)
            .AddHotReposSample()
            .BuildServiceProvider();
        _generator = _services.GetRequiredService<IReportGenerator>();
        _invoker = new HttpMessageInvoker(new SampleGitHubHandler(TimeProvider.System));

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
        _invoker?.Dispose();
        if (Directory.Exists(_outputDirectory))
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public Task<ReportResult> WeekReport500() => _generator!.GenerateAsync(Request);

    /// <summary>
    /// Diagnostic: only the in-memory "server" side of the same report, its five pages answered by
    /// <c>SampleGitHubHandler</c> (ranking the catalog and writing ~520 KB of JSON per page) and drained.
    /// <see cref="WeekReport500"/> minus this is roughly what HotRepos itself costs per report.
    /// </summary>
    [Benchmark]
    public async Task<long> SampleHandlerOnly()
    {
        long bytes = 0;
        for (var page = 1; page <= Request.Top / SamplePages.PerPage; page++)
        {
            using var response = await _invoker!.SendAsync(new HttpRequestMessage(HttpMethod.Get, PageUri(page)), CancellationToken.None);
            var stream = await response.Content.ReadAsStreamAsync();
            bytes += stream.Length;
            await stream.CopyToAsync(Stream.Null);
        }

        return bytes;
    }

    private static Uri PageUri(int page)
    {
        var since = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Uri(string.Create(
            CultureInfo.InvariantCulture,
            $"https://api.github.com/search/repositories?q={Uri.EscapeDataString("created:>=" + since)}&sort=stars&order=desc&per_page=100&page={page}"));
    }
}
