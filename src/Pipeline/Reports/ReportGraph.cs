using System.Collections.Concurrent;
using System.Threading.Tasks.Dataflow;
using HotRepos.GitHub;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotRepos.Reports;

/// <summary>
/// The process's one Dataflow graph, shared by every report and owned by the host (the CLI runs it in its short-lived
/// host too):
/// <c>BufferBlock&lt;PageWork&gt;</c> (pages of all reports, bounded) → <c>TransformBlock</c> (fetch; its
/// <c>MaxDegreeOfParallelism</c> is the process's fetch cap) → a <c>BatchBlock</c> per report and round →
/// <c>ActionBlock</c> (merge, dedupe, group, write the CSV, or ask for top-up pages, which go round again).
/// </summary>
/// <remarks>
/// A report feeds its pages one at a time with <c>SendAsync</c>, so a full graph makes the report (and the job worker
/// behind it) wait; queued reports hold no page requests. Failures travel as values: a throwing delegate would fault
/// a block, and with it every other report.
/// </remarks>
internal sealed class ReportGraph : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly IPageSource _source;
    private readonly TimeProvider _timeProvider;
    private readonly IStarHistory? _starHistory;
    private readonly BufferBlock<PageWork> _pages;
    private readonly TransformBlock<PageWork, FetchedPage> _fetch;
    private readonly ActionBlock<FetchedPage[]> _assemble;
    private readonly ConcurrentDictionary<ReportRun, byte> _running = new();
    private int _pagesHeld;
    private int _stopped;

    public ReportGraph(IPageSource source, IOptions<GitHubOptions> options, TimeProvider timeProvider, IStarHistory? starHistory = null)
    {
        _source = source;
        _timeProvider = timeProvider;
        _starHistory = starHistory;
        var parallelism = options.Value.MaxParallelism;
        _pages = new BufferBlock<PageWork>(new DataflowBlockOptions { BoundedCapacity = parallelism });
        _fetch = new TransformBlock<PageWork, FetchedPage>(FetchAsync, new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = parallelism,
            BoundedCapacity = parallelism,
            EnsureOrdered = false,
        });
        _assemble = new ActionBlock<FetchedPage[]>(AssembleAsync, new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            BoundedCapacity = Environment.ProcessorCount,
        });
        _pages.LinkTo(_fetch, new DataflowLinkOptions { PropagateCompletion = true });

        // Aggregation is a BatchBlock per report round, linked in front of this one with a predicate on the report:
        // a page whose report stopped waiting (it was cancelled) has no such link left and is dropped here, instead of
        // blocking the fetch block's output for every report behind it.
        _fetch.LinkTo(DataflowBlock.NullTarget<FetchedPage>());
    }

    /// <summary>Gets how many page requests are in the graph or waiting to enter it: bounded by the blocks' capacities plus one per running report.</summary>
    public int PagesHeld => Volatile.Read(ref _pagesHeld);

    /// <summary>Runs one report through the graph and returns when its CSV is written.</summary>
    /// <exception cref="ReportFailedException">A page failed; the first real failure says why.</exception>
    public Task<ReportResult> RunAsync(ReportPlan plan, string outputPath, IProgress<ReportProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(plan, outputPath, progress, waitForRateLimitReset: false, cancellationToken);

    /// <summary>Runs one report; with <paramref name="waitForRateLimitReset"/> its pages wait for an exhausted quota's reset however far away.</summary>
    /// <exception cref="ReportFailedException">A page failed; the first real failure says why.</exception>
    public async Task<ReportResult> RunAsync(
        ReportPlan plan, string outputPath, IProgress<ReportProgress>? progress, bool waitForRateLimitReset, CancellationToken cancellationToken)
    {
        var run = new ReportRun(plan, outputPath, progress, _timeProvider.GetTimestamp(), cancellationToken)
        {
            WaitForRateLimitReset = waitForRateLimitReset,
            StarHistory = _starHistory,
        };
        _running[run] = 0;
        using var abortOnCancel = cancellationToken.Register(run.Abort);
        try
        {
            var requests = ReportAssembler.FirstRound(run);
            while (requests.Count > 0)
            {
                var count = requests.Count;
                var round = run.StartRound(count);
                var batch = new BatchBlock<FetchedPage>(count);
                using (_fetch.LinkTo(batch, new DataflowLinkOptions { Append = false, MaxMessages = count }, page => page.Run == run))
                using (batch.LinkTo(_assemble))
                {
                    foreach (var request in requests)
                    {
                        await SendAsync(new PageWork(run, request with { PageCount = run.PagesTotal, WaitForRateLimitReset = run.WaitForRateLimitReset, RateLimitWait = run.NewPageWait() }), cancellationToken);
                    }

                    requests = await round.WaitAsync(cancellationToken);
                }
            }

            return run.Result!;
        }
        finally
        {
            // The registration above may be gone before its callback ran: when the caller's token fires, the wait for
            // the round can end first and leave this method. Whatever ended it, pages still out stop here.
            if (run.Result is null)
            {
                run.Abort();
            }

            _running.TryRemove(run, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes no more pages, lets the fetches under way end, and fails the reports still waiting.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _pages.Complete();

        // Failed before they are aborted: the pages cancelled by the abort would otherwise reach the assemble step first
        // and end the report with "A task was canceled." instead of the reason.
        foreach (var run in _running.Keys)
        {
            run.Fail(new ReportFailedException("the report was stopped: HotRepos is shutting down"));
            run.Abort();
        }

        await _fetch.Completion.WaitAsync(cancellationToken);
        _assemble.Complete();
        await _assemble.Completion.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>Stops taking pages and aborts the reports under way, without waiting for them (a container disposed synchronously).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _pages.Complete();
        _assemble.Complete();
        foreach (var run in _running.Keys)
        {
            run.Fail(new ReportFailedException("the report was stopped: HotRepos is shutting down"));
            run.Abort();
        }
    }

    private async Task SendAsync(PageWork work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pagesHeld);
        var accepted = false;
        try
        {
            accepted = await _pages.SendAsync(work, cancellationToken);
        }
        finally
        {
            if (!accepted)
            {
                Interlocked.Decrement(ref _pagesHeld);
            }
        }

        if (!accepted)
        {
            throw new ReportFailedException("the report was stopped: HotRepos is shutting down");
        }
    }

    private async Task<FetchedPage> FetchAsync(PageWork work)
    {
        var run = work.Run;
        PageResult result;
        try
        {
            result = run.FetchToken.IsCancellationRequested
                ? PageResult.Failure(work.Request.Page, new OperationCanceledException(run.FetchToken))
                : await _source.FetchAsync(work.Request, run.FetchToken);
        }
#pragma warning disable CA1031 // A page source must not throw; if one does, the failure belongs to its report, not to the graph.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = PageResult.Failure(work.Request.Page, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _pagesHeld);
        }

        if (result.Succeeded)
        {
            run.PageDone(result.Search!.Items.Count);
        }
        else
        {
            // The report has failed: its other pages stop spending quota.
            run.Abort();
        }

        return new FetchedPage(run, work.Request, result);
    }

    private async Task AssembleAsync(FetchedPage[] round)
    {
        var run = round[0].Run;
        try
        {
            run.EndRound(await ReportAssembler.AssembleAsync(run, [.. round.Select(p => (p.Request, p.Result))], _timeProvider.GetElapsedTime(run.StartedAt), _timeProvider.GetUtcNow()));
        }
#pragma warning disable CA1031 // Every failure goes to its report; a throwing delegate would fault the block for every report.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            run.Fail(ex);
        }
    }

    /// <summary>A page request and the report it belongs to.</summary>
    private sealed record PageWork(ReportRun Run, PageRequest Request);

    /// <summary>A fetched (or failed) page and the report it belongs to.</summary>
    private sealed record FetchedPage(ReportRun Run, PageRequest Request, PageResult Result);
}
