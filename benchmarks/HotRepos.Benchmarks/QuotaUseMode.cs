using System.Diagnostics;
using System.Globalization;
using HotRepos.GitHubEmulator;
using HotRepos.Reports;
using Microsoft.Extensions.DependencyInjection;
using HotRepos.Requests;

namespace HotRepos.Benchmarks;

/// <summary>
/// Benchmark 5 (wall clock, real sockets): 60 reports of 100–200 repositories queued at once against a short
/// anonymous rate limit (10 searches per 2 s window, so the quota's bound is 5 requests/s). They share the
/// process-wide rate-limit gate. Measures how much of each window's budget is used and how many requests the
/// emulator rejects. Targets: ≥ 95% of the bound; 0 rejections after the first window.
/// </summary>
internal static class QuotaUseMode
{
    private const int Limit = 10;
    private const int Reports = 60;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Stats.IntOption(args, "--runs", 3);
        var bound = Limit / Window.TotalSeconds;
        Console.WriteLine($"Quota use: {Reports} concurrent reports (100/150/200 repositories) against {Limit} searches per {Window.TotalSeconds:F0} s (bound {bound:F1} requests/s), {runs} runs");
        await using var server = await GitHubEmulatorServer.StartAsync(
            new EmulatorOptions { AnonymousRateLimit = Limit, RateLimitWindow = Window },
            CancellationToken.None);

        var utilizations = new List<double>();
        var rejectedAfterFirst = new List<double>();
        var rejectedTotal = new List<double>();
        var walls = new List<double>();
        var rates = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var output = Path.Combine(Path.GetTempPath(), "hotrepos-quota-" + Guid.NewGuid().ToString("N"));
            var recorder = new ExchangeRecorder();
            var services = new ServiceCollection()
                .AddLogging()
                .AddHotRepos(
                    github =>
                    {
                        github.BaseUrl = server.BaseUrl.ToString();
                        github.RateLimitResetSkew = TimeSpan.FromMilliseconds(50);
                    },
                    reports => reports.OutputDirectory = output);
            await using var provider = recorder.AddTo(services).BuildServiceProvider();
            var generator = provider.GetRequiredService<IReportGenerator>();
            server.ResetStats();
            recorder.Clear();

            // Distinct reports (distinct files): the top alternates 100/150/200 and each starts on another day
            // (1 to 60 days back; even the last day holds more than 200 repositories of the sample).
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var requests = Enumerable.Range(0, Reports)
                .Select(i => new ReportRequest { Since = today.AddDays(-1 - i), Top = 100 + (50 * (i % 3)) })
                .ToList();
            var started = Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(requests.Select(r => generator.GenerateAsync(r)));
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var shortReports = results.Zip(requests).Count(p => p.First.Repositories != p.Second.Top);

            // Every answer names its window through X-RateLimit-Reset: count what each window served.
            var exchanges = recorder.Exchanges;
            var served = exchanges.Where(e => e.Status == 200).GroupBy(e => e.ResetEpochSeconds ?? 0).OrderBy(g => g.Key).Select(g => (Reset: g.Key, Count: g.Count())).ToList();
            var firstWindow = served[0].Reset;
            var rejections = exchanges.Where(e => e.Status is 403 or 429).ToList();
            var afterFirst = rejections.Count(e => e.ResetEpochSeconds > firstWindow);

            // Full windows: all but the first (the run starts somewhere inside it) and the last (the queue runs dry in it).
            var middle = served.Skip(1).SkipLast(1).ToList();
            var utilization = middle.Count == 0 ? double.NaN : middle.Sum(w => w.Count) / (double)(Limit * middle.Count);
            var total = served.Sum(w => w.Count);
            var minimumWindows = (total + Limit - 1) / Limit;
            utilizations.Add(utilization);
            rejectedAfterFirst.Add(afterFirst);
            rejectedTotal.Add(server.Stats.PrimaryRateLimitRejections);
            walls.Add(wall);
            rates.Add(total / wall / bound);

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  run {run}: {total} pages served in {served.Count} windows (minimum {minimumWindows}), wall {wall:F1} s, "
                + $"per window [{string.Join(" ", served.Select(w => w.Count))}], full-window use {utilization:P1} of the bound, "
                + $"rejections {server.Stats.PrimaryRateLimitRejections} (emulator), {rejections.Count} seen by client, {afterFirst} after the first window, "
                + $"emulator requests {server.Stats.TotalRequests}, reports short of their top {shortReports}"));

            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| metric | min / median / max | target |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine($"| full-window throughput ÷ bound ({bound:F1}/s), % | {Stats.MinMedMax(utilizations.Select(u => u * 100).ToList(), "F1")} | ≥ 95 |");
        Console.WriteLine($"| rejected requests after the first window | {Stats.MinMedMax(rejectedAfterFirst)} | 0 |");
        Console.WriteLine($"| rejected requests, total (emulator's count) | {Stats.MinMedMax(rejectedTotal)} | |");
        Console.WriteLine($"| pages served ÷ wall time ÷ bound, % (includes the partial first and last windows) | {Stats.MinMedMax(rates.Select(u => u * 100).ToList(), "F1")} | |");
        Console.WriteLine($"| wall time of the 60 reports, s | {Stats.MinMedMax(walls, "F1")} | |");
        return utilizations.Min() >= 0.95 && rejectedAfterFirst.Max() == 0 ? 0 : 1;
    }
}
