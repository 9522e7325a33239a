using HotRepos.GitHub;
using HotRepos.Reports;
using HotRepos.Requests;
using HotRepos.Tests.Integration;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests.Reports;

/// <summary>The process's one report graph over an in-memory page source: isolation, the fetch cap, failures, cancellation, top-up, backpressure and stop.</summary>
public sealed class ReportGraphTests : IAsyncLifetime, IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    // Bounds a hang only: every wait below ends on a gate or a condition, never on elapsed time.
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(20);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> QueryNames = new(StringComparer.Ordinal);
    private static int _queryNames;

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly FakePageSource _source = new();
    private readonly string _output = Directory.CreateTempSubdirectory("hotrepos-graph-").FullName;
    private readonly List<ReportGraph> _graphs = [];

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the graphs the test made; xunit calls it before <see cref="Dispose"/>.</summary>
    public async Task DisposeAsync()
    {
        // Gates open first: a test that failed half-way leaves no fetch held, so stopping its graph cannot hang.
        _source.OpenAllGates();
        using var stop = new CancellationTokenSource(HangTimeout);
        foreach (var graph in _graphs)
        {
            await graph.StopAsync(stop.Token);
            graph.Dispose();
        }
    }

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public async Task RunAsync_TwoConcurrentReports_EachCsvHoldsExactlyItsOwnRepositories()
    {
        var graph = CreateSut(maxParallelism: 3);
        var rust = Plan(500, "Rust");
        var go = Plan(300, "Go");
        var rustPage1 = _source.NewGate();
        var goPage1 = _source.NewGate();
        _source.Hold(rustPage1.Task, rust.Query, page: 1);
        _source.Hold(goPage1.Task, go.Query, page: 1);

        // Rust's page 1 leaves the fetch step while the Go report, which started later, still waits for its own page 1,
        // and Rust finishes while Go is still under way: each page must find its own report.
        var rustRun = RunAsync(graph, rust, Ct);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(rust.Query) == 1, HangTimeout, Ct, "Rust's page 1 to be fetched");
        var goRun = RunAsync(graph, go, Ct);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(go.Query) == 1, HangTimeout, Ct, "Go's page 1 to be fetched");
        rustPage1.SetResult();
        var rustResult = await Bounded(rustRun);
        goPage1.SetResult();
        var goResult = await Bounded(goRun);

        Assert.Equal(FakePageSource.ExpectedNames(rust.Query, 500), NamesIn(rustResult));
        Assert.Equal(FakePageSource.ExpectedNames(go.Query, 300), NamesIn(goResult));
        Assert.Equal(5, _source.FetchesOf(rust.Query));
        Assert.Equal(3, _source.FetchesOf(go.Query));
        Assert.Equal(0, graph.PagesHeld);
    }

    [Fact]
    public async Task RunAsync_TwoConcurrentFivePageReports_NeverFetchMorePagesAtOnceThanMaxParallelism()
    {
        const int maxParallelism = 3;
        var graph = CreateSut(maxParallelism);
        var first = Plan(500, "Rust");
        var second = Plan(500, "Go");
        var gate = _source.NewGate();
        _source.Hold(gate.Task);
        var runs = Task.WhenAll(RunAsync(graph, first, Ct), RunAsync(graph, second, Ct));

        // Held until the graph is full: 3 pages fetched, 3 in the buffer, and at least one of the other 4 waiting to enter.
        await Polling.WaitUntilAsync(
            () => _source.InFlight >= maxParallelism && graph.PagesHeld > 2 * maxParallelism,
            HangTimeout,
            Ct,
            "the graph to be full");
        var heldAtOnce = _source.InFlight;
        gate.SetResult();

        var results = await Bounded(runs);
        Assert.Equal(maxParallelism, heldAtOnce);
        Assert.Equal(maxParallelism, _source.MaxInFlight);
        Assert.All(results, r => Assert.Equal(500, r.Repositories));
        Assert.Equal(10, _source.TotalFetches);
    }

    [Fact]
    public async Task RunAsync_PageFails_ThrowsNamingTheFailureWhileAConcurrentReportAndALaterOneSucceed()
    {
        var graph = CreateSut(maxParallelism: 3);
        var failing = Plan(500, "Rust");
        var concurrent = Plan(300, "Go");
        var error = new HttpRequestException("GitHub answered 503 Service Unavailable for page 2");
        _source.Fail(error, failing.Query, page: 2);
        var concurrentPage1 = _source.NewGate();
        _source.Hold(concurrentPage1.Task, concurrent.Query, page: 1);

        var concurrentRun = RunAsync(graph, concurrent, Ct);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(concurrent.Query) == 1, HangTimeout, Ct, "the concurrent report's page 1 to be fetched");
        var failure = await Assert.ThrowsAsync<ReportFailedException>(() => Bounded(RunAsync(graph, failing, Ct)));

        Assert.Equal(error.Message, failure.Message);
        Assert.Same(error, failure.InnerException);
        Assert.False(concurrentRun.IsCompleted, "the concurrent report waits for its held page 1");
        concurrentPage1.SetResult();
        Assert.Equal(FakePageSource.ExpectedNames(concurrent.Query, 300), NamesIn(await Bounded(concurrentRun)));

        var later = Plan(200, "C");
        Assert.Equal(FakePageSource.ExpectedNames(later.Query, 200), NamesIn(await Bounded(RunAsync(graph, later, Ct))));
        Assert.False(File.Exists(OutputPathOf(failing)));
    }

    [Fact]
    public async Task RunAsync_PageFails_CancelsTheReportsFetchesUnderWayAndNeverFetchesItsWaitingPages()
    {
        var graph = CreateSut(maxParallelism: 2);
        var plan = Plan(500, "Rust");
        var page1 = _source.NewGate();
        var page2 = _source.NewGate();
        var error = new HttpRequestException("GitHub answered 502 Bad Gateway for page 1");
        _source.Hold(page1.Task, plan.Query, page: 1);
        _source.Hold(page2.Task, plan.Query, page: 2);
        _source.Fail(error, plan.Query, page: 1);

        var run = RunAsync(graph, plan, Ct);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(plan.Query) == 2, HangTimeout, Ct, "pages 1 and 2 to be fetched");
        page1.SetResult();
        var failure = await Assert.ThrowsAsync<ReportFailedException>(() => Bounded(run));

        // Page 2 is never let through: only the failure can end it. Pages 3 to 5 never reach the source.
        Assert.Same(error, failure.InnerException);
        Assert.Equal(1, _source.CancelledOf(plan.Query));
        Assert.Equal(2, _source.FetchesOf(plan.Query));
        Assert.Equal(0, graph.PagesHeld);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileItsPagesAreHeld_ThrowsFreesItsSlotsForAnotherReportAndWritesNoFile()
    {
        var graph = CreateSut(maxParallelism: 2);
        var cancelled = Plan(500, "Rust");
        var other = Plan(200, "Go");

        // Never opened: the cancelled report's fetches can only end through their token.
        var neverOpened = _source.NewGate();
        _source.Hold(neverOpened.Task, cancelled.Query);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var cancelledRun = RunAsync(graph, cancelled, cancellation.Token);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(cancelled.Query) == 2 && graph.PagesHeld == 5, HangTimeout, Ct, "both slots and the buffer to be full");
        var otherRun = RunAsync(graph, other, Ct);
        await Polling.WaitUntilAsync(() => graph.PagesHeld == 6, HangTimeout, Ct, "the other report to wait for room");
        Assert.False(otherRun.IsCompleted, "every fetch slot is held by the report about to be cancelled");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(cancelledRun));
        var result = await Bounded(otherRun);
        Assert.Equal(FakePageSource.ExpectedNames(other.Query, 200), NamesIn(result));
        Assert.False(neverOpened.Task.IsCompleted);
        Assert.Equal(2, _source.CancelledOf(cancelled.Query));
        Assert.Equal(2, _source.FetchesOf(cancelled.Query));
        Assert.Equal([result.FilePath], Directory.GetFiles(_output));
        Assert.Equal(0, graph.PagesHeld);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileItsFetchesIgnoreTheToken_ThrowsWithoutWaitingForThemAndTheirLatePagesWriteNothing()
    {
        var graph = CreateSut(maxParallelism: 2);
        var cancelled = Plan(500, "Rust");
        var gate = _source.NewGate();
        _source.Hold(gate.Task, cancelled.Query, ignoreCancellation: true);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = RunAsync(graph, cancelled, cancellation.Token);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(cancelled.Query) == 2, HangTimeout, Ct, "two pages in flight");

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(run));

        Assert.Equal(2, _source.InFlightOf(cancelled.Query));
        gate.SetResult();

        // The late pages have no report left to go to: they are dropped and block nothing behind them.
        await Polling.WaitUntilAsync(() => graph.PagesHeld == 0, HangTimeout, Ct, "the late pages to leave the graph");
        var next = Plan(100, "Go");
        var result = await Bounded(RunAsync(graph, next, Ct));
        Assert.Equal([result.FilePath], Directory.GetFiles(_output));
        Assert.Equal(2, _source.FetchesOf(cancelled.Query));
    }

    [Fact]
    public async Task RunAsync_DuplicatesAcrossPages_FetchesTopUpPagesUntilItHasTopNUnique()
    {
        var graph = CreateSut(maxParallelism: 3);
        var plan = Plan(300, "Rust");

        // Pages 2 and 3 each repeat 10 repositories of the page before: 290 unique after 3 pages, so one more page.
        _source.Drift(plan.Query, 10);
        var progress = new CollectingProgress();

        var result = await Bounded(RunAsync(graph, plan, Ct, progress));

        Assert.Equal(FakePageSource.ExpectedNames(plan.Query, 300), NamesIn(result));
        Assert.Equal(300, result.Repositories);
        Assert.Equal(4, result.PagesFetched);
        Assert.Equal(4, _source.FetchesOf(plan.Query));
        Assert.Empty(result.Warnings);
        Assert.Equal([3, 3, 3, 4], progress.Reports.OrderBy(r => r.PagesDone).Select(r => r.PagesTotal));
        Assert.Equal([1, 2, 3, 4], progress.Reports.Select(r => r.PagesDone).Order());
    }

    [Fact]
    public async Task RunAsync_DuplicatesAcrossPagesAndNoMoreMatches_WritesWhatItHasWithAWarning()
    {
        var graph = CreateSut(maxParallelism: 3);
        var plan = Plan(300, "Rust");
        _source.Drift(plan.Query, 10);
        _source.SetTotalCount(plan.Query, 300);

        var result = await Bounded(RunAsync(graph, plan, Ct));

        Assert.Equal(FakePageSource.ExpectedNames(plan.Query, 290), NamesIn(result));
        Assert.Equal(3, result.PagesFetched);
        Assert.Equal(3, _source.FetchesOf(plan.Query));
        Assert.Contains(result.Warnings, w => w.Contains("290 of the 300", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TwoHundredConcurrentReportsWhilePagesAreHeld_HoldsOnePageRequestPerReportBeyondTheBlocks()
    {
        const int maxParallelism = 2;
        const int reports = 200;
        var graph = CreateSut(maxParallelism);
        var gate = _source.NewGate();
        _source.Hold(gate.Task);
        var plans = Enumerable.Range(0, reports).Select(i => Plan(500, $"report-{i}")).ToList();
        var all = Task.WhenAll(plans.Select(p => RunAsync(graph, p, Ct)));

        // Five pages a report against four places in the blocks: every report keeps one page waiting to enter.
        await Polling.WaitUntilAsync(
            () => graph.PagesHeld >= (2 * maxParallelism) + reports && _source.InFlight >= maxParallelism,
            HangTimeout,
            Ct,
            "every report to wait for room");

        Assert.InRange(graph.PagesHeld, 0, (2 * maxParallelism) + reports);
        Assert.Equal(maxParallelism, _source.InFlight);
        Assert.Equal(maxParallelism, _source.TotalFetches);
        gate.SetResult();

        var results = await Bounded(all);
        Assert.All(results, r => Assert.Equal(500, r.Repositories));
        Assert.Equal(reports, Directory.GetFiles(_output).Length);
        Assert.Equal(reports * 5, _source.TotalFetches);
        Assert.Equal(maxParallelism, _source.MaxInFlight);
        Assert.Equal(0, graph.PagesHeld);
    }

    [Theory]
    [InlineData(nameof(ReportGraph.StopAsync))]
    [InlineData(nameof(ReportGraph.DisposeAsync))]
    [InlineData(nameof(ReportGraph.Dispose))]
    public async Task StopAsync_ReportsWaitingOnPages_FailsThemAndRefusesLaterReports(string stop)
    {
        var graph = CreateSut(maxParallelism: 2);
        var (waitingForPage, waitingToSend) = await StartTwoWaitingReportsAsync(graph);

        await StopGraphAsync(graph, stop);

        await Assert.ThrowsAsync<ReportFailedException>(() => Bounded(waitingForPage));
        await Assert.ThrowsAsync<ReportFailedException>(() => Bounded(waitingToSend));
        var later = Plan(100, "C");
        var refused = await Assert.ThrowsAsync<ReportFailedException>(() => Bounded(RunAsync(graph, later, Ct)));
        Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _source.FetchesOf(later.Query));
        Assert.Empty(Directory.GetFiles(_output));
    }

    [Theory]
    [InlineData(nameof(ReportGraph.StopAsync))]
    [InlineData(nameof(ReportGraph.DisposeAsync))]
    [InlineData(nameof(ReportGraph.Dispose))]
    public async Task StopAsync_ReportWaitsWhileAnotherFetchTakesLongToEnd_FailsItWithTheShutdownAsReason(string stop)
    {
        var graph = CreateSut(maxParallelism: 2);

        // A fetch that ends only when let go (it ignores its token) keeps the fetch step busy while the graph stops:
        // it belongs to a report cancelled before, so its page has nowhere to go.
        var lingering = Plan(100, "Go");
        var lingeringGate = _source.NewGate();
        _source.Hold(lingeringGate.Task, lingering.Query, ignoreCancellation: true);
        using (var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var cancelled = RunAsync(graph, lingering, cancellation.Token);
            await Polling.WaitUntilAsync(() => _source.InFlightOf(lingering.Query) == 1, HangTimeout, Ct, "the lingering fetch to start");
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(cancelled));
        }

        var waiting = Plan(100, "Rust");
        _source.Hold(_source.NewGate().Task, waiting.Query);
        var run = RunAsync(graph, waiting, Ct);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(waiting.Query) == 1, HangTimeout, Ct, "the waiting report's page to be fetched");

        var stopping = StopGraphAsync(graph, stop);

        // The user reads this reason (a job's error, the CLI's message): a report ended by the stop must say so.
        var failure = await Assert.ThrowsAsync<ReportFailedException>(() => Bounded(run));
        lingeringGate.SetResult();
        await Bounded(stopping);
        Assert.Contains("shutting down", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>One report has sent its only page and waits for it (held for good); the other still waits to send its pages.</summary>
    private async Task<(Task<ReportResult> WaitingForPage, Task<ReportResult> WaitingToSend)> StartTwoWaitingReportsAsync(ReportGraph graph)
    {
        var onePage = Plan(100, "Rust");
        var fivePages = Plan(500, "Go");
        _source.Hold(_source.NewGate().Task);

        var waitingForPage = RunAsync(graph, onePage, Ct);
        await Polling.WaitUntilAsync(() => _source.InFlightOf(onePage.Query) == 1, HangTimeout, Ct, "the one-page report's page to be fetched");
        var waitingToSend = RunAsync(graph, fivePages, Ct);
        await Polling.WaitUntilAsync(() => graph.PagesHeld == 5, HangTimeout, Ct, "the five-page report to wait for room");
        Assert.False(waitingForPage.IsCompleted || waitingToSend.IsCompleted, "both reports wait");
        return (waitingForPage, waitingToSend);
    }

    private Task StopGraphAsync(ReportGraph graph, string stop)
    {
        switch (stop)
        {
            case nameof(ReportGraph.StopAsync):
                return Bounded(graph.StopAsync(Ct));
            case nameof(ReportGraph.DisposeAsync):
                return Bounded(graph.DisposeAsync().AsTask());
            default:
                graph.Dispose();
                return Task.CompletedTask;
        }
    }

    private ReportGraph CreateSut(int maxParallelism)
    {
        var graph = new ReportGraph(_source, Options.Create(new GitHubOptions { MaxParallelism = maxParallelism }), TimeProvider.System);
        _graphs.Add(graph);
        return graph;
    }

    /// <summary>
    /// A plan whose query is its own: each <paramref name="name"/> gets its own since date. Unfiltered on purpose, so the
    /// report sends all its pages in its first round (a filtered one asks for page 1 alone first).
    /// </summary>
    private static ReportPlan Plan(int top, string name = "default") => ReportPlan.Create(
        new ReportRequest { Since = Today.AddDays(-30 - QueryNames.GetOrAdd(name, _ => Interlocked.Increment(ref _queryNames))), ReferenceDate = Today, Top = top, Layout = CsvLayout.Ranked },
        Today);

    private string OutputPathOf(ReportPlan plan) => Path.Combine(_output, plan.FileName);

    private Task<ReportResult> RunAsync(ReportGraph graph, ReportPlan plan, CancellationToken cancellationToken, IProgress<ReportProgress>? progress = null) =>
        graph.RunAsync(plan, OutputPathOf(plan), progress, cancellationToken);

    private Task Bounded(Task task) => task.WaitAsync(HangTimeout, Ct);

    private Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(HangTimeout, Ct);

    private static List<string> NamesIn(ReportResult result) => [.. CsvRows.ReadRanked(result.FilePath).Select(r => r["full_name"])];
}
