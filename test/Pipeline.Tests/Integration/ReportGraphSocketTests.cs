using HotRepos.GitHubEmulator;
using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Requests;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.Tests.Integration;

/// <summary>The report graph as <c>AddHotRepos</c> wires it, against the loopback GitHub emulator over real sockets.</summary>
public sealed class ReportGraphSocketTests : IDisposable
{
    // Bounds a hang only: every wait below ends on a gate or a condition, never on elapsed time.
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task GenerateAsync_TwoConcurrentReports_NeverHaveMoreThanMaxParallelismRequestsInFlight()
    {
        const int maxParallelism = 3;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The worker's host, for its services: the generator and the graph, to see when the graph is full.
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureEmulator: o => o with { Faults = new FaultOptions { Gate = gate.Task } },
            configureGitHub: github => github.MaxParallelism = maxParallelism);
        await host.StartAsync(Ct);
        var generator = host.Host.Services.GetRequiredService<IReportGenerator>();
        var graph = host.Host.Services.GetRequiredService<ReportGraph>();
        ReportRequest[] requests =
        [
            TestJobs.Request(500) with { Layout = CsvLayout.Ranked },
            TestJobs.Request(300, Period.Week) with { Layout = CsvLayout.Ranked },
        ];
        Task<ReportResult[]> runs;
        try
        {
            runs = Task.WhenAll(requests.Select(r => generator.GenerateAsync(r, null, Ct)));

            // Answers are held until the graph is full: 3 requests out, 3 pages buffered, one of the other 2 waiting.
            await Polling.WaitUntilAsync(
                () => host.Emulator.InFlight >= maxParallelism && graph.PagesHeld > 2 * maxParallelism,
                HangTimeout,
                Ct,
                "the graph to be full");
        }
        finally
        {
            gate.TrySetResult();
        }

        var results = await runs.WaitAsync(HangTimeout, Ct);

        var stats = host.Emulator.Stats;
        Assert.True(stats.MaxInFlight > 1, $"the reports should have fetched pages at once; at most {stats.MaxInFlight} were");
        Assert.Equal(maxParallelism, stats.MaxInFlight);
        Assert.Equal(8, stats.TotalRequests);
        for (var i = 0; i < requests.Length; i++)
        {
            var expected = host.Emulator.ExpectedRanking(ReportPlan.Create(requests[i], TestJobs.Today).Query, requests[i].Top);
            Assert.Equal(expected, CsvRows.ReadRanked(results[i].FilePath).Select(r => r["full_name"]));
        }
    }

    [Fact]
    public async Task GenerateAsync_OneReportsPageKeepsFailing_FailsThatReportOnlyAndTheConcurrentOneIsExact()
    {
        var faults = new FaultOptions { Rules = [new FaultRule(FaultKind.ServiceUnavailable, Page: 2, QueryContains: "language:Rust")] };
        await using var host = await ReportTestHost.StartAsync(
            o => o with { Faults = faults },
            github =>
            {
                github.MaxParallelism = 3;
                github.RetryCount = 1;
            });
        var failing = ReportTestHost.Request(300) with { Layout = CsvLayout.Ranked, Language = "Rust" };
        var healthy = ReportTestHost.Request(300) with { Layout = CsvLayout.Ranked };

        var failingRun = host.Generator.GenerateAsync(failing, null, Ct);
        var healthyRun = host.Generator.GenerateAsync(healthy, null, Ct);

        var failure = await Assert.ThrowsAsync<ReportFailedException>(() => failingRun.WaitAsync(HangTimeout, Ct));
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
        var result = await healthyRun.WaitAsync(HangTimeout, Ct);
        var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(healthy), 300);
        Assert.Equal(expected, CsvRows.ReadRanked(result.FilePath).Select(r => r["full_name"]));
        Assert.Equal([Path.GetFileName(result.FilePath)], host.FilesInOutput());
        Assert.Equal(2, host.Emulator.Stats.CountFault(FaultKind.ServiceUnavailable));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileItsAnswersCrawl_FreesItsSlotsForAnotherReportAndFetchesNoMoreOfItsPages()
    {
        // The emulator's gate holds every answer, so the cancelled report's answers are held by a body that takes
        // minutes instead (64 bytes every 20 ms); the other report's answers come at once.
        var slow = ReportTestHost.Request(500) with { Layout = CsvLayout.Ranked };
        var other = ReportTestHost.Request(200, Period.Week) with { Layout = CsvLayout.Ranked };
        var faults = new FaultOptions
        {
            Rules = [new FaultRule(FaultKind.SlowBody, QueryContains: ReportTestHost.QueryFor(slow))],
            DribbleChunkSize = 64,
            DribbleDelay = TimeSpan.FromMilliseconds(20),
        };
        await using var host = await ReportTestHost.StartAsync(
            o => o with { Faults = faults },
            github =>
            {
                github.MaxParallelism = 2;
                github.RequestTimeout = TimeSpan.FromMinutes(5);
            });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var slowRun = host.Generator.GenerateAsync(slow, null, cancellation.Token);
        await Polling.WaitUntilAsync(() => host.Emulator.InFlight == 2, HangTimeout, Ct, "the slow report to take both fetch slots");
        var otherRun = host.Generator.GenerateAsync(other, null, Ct);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slowRun.WaitAsync(HangTimeout, Ct));
        var result = await otherRun.WaitAsync(HangTimeout, Ct);

        var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(other), 200);
        Assert.Equal(expected, CsvRows.ReadRanked(result.FilePath).Select(r => r["full_name"]));
        await Polling.WaitUntilAsync(() => host.Emulator.InFlight == 0, HangTimeout, Ct, "the cancelled answers to end");

        // Two crawling answers of the cancelled report, abandoned; its pages 3 to 5 never asked for. Two pages of the other.
        Assert.Equal(2, host.Emulator.Stats.CountFault(FaultKind.SlowBody));
        Assert.Equal(4, host.Emulator.Stats.TotalRequests);
        Assert.Equal([Path.GetFileName(result.FilePath)], host.FilesInOutput());
    }

    [Fact]
    public async Task PagesHeld_AThousandQueuedJobsWhileAnswersAreHeld_CountsOnlyTheRunningJobsPages()
    {
        const int maxParallelism = 3;
        const int jobs = 1000;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureEmulator: o => o with { Faults = new FaultOptions { Gate = gate.Task } },
            configureGitHub: github => github.MaxParallelism = maxParallelism,
            configureJobs: options => options.QueueCapacity = jobs);
        var maxConcurrentJobs = new JobsOptions().MaxConcurrentJobs;
        var graph = host.Host.Services.GetRequiredService<ReportGraph>();
        try
        {
            await host.StartAsync(Ct);

            // Largest first: the running jobs have 10 pages each, more than the graph's 2 * 3 places, so each keeps one waiting.
            for (var top = jobs; top >= 1; top--)
            {
                await host.EnqueueAsync(TestJobs.Request(top), Ct);
            }

            var bound = (2 * maxParallelism) + maxConcurrentJobs;
            await Polling.WaitUntilAsync(
                () => graph.PagesHeld >= bound && host.Emulator.InFlight >= maxParallelism,
                HangTimeout,
                Ct,
                "the running jobs to fill the graph and their requests to reach GitHub");

            Assert.InRange(graph.PagesHeld, 0, bound);
            Assert.Equal(maxParallelism, host.Emulator.InFlight);
            Assert.Equal(maxConcurrentJobs, (await host.Store.ListAsync(JobState.Running, jobs, Ct)).Count);
            Assert.Equal(jobs - maxConcurrentJobs, (await host.Store.ListAsync(JobState.Queued, jobs, Ct)).Count);
        }
        finally
        {
            gate.TrySetResult();
        }
    }
}
