using System.Diagnostics.CodeAnalysis;
using HotRepos.GitHub;

namespace HotRepos.Reports;

/// <summary>
/// One report on its way through the <see cref="ReportGraph"/>: its plan, the pages it has so far, its progress, and
/// the round of pages it waits for. Pages complete concurrently; the assemble step is the only one that adds pages.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The abort source has no timer and no links; see the field.")]
internal sealed class ReportRun(ReportPlan plan, string outputPath, IProgress<ReportProgress>? progress, long startedAt, CancellationToken cancellationToken)
{
    // Never disposed: it has no timer and is linked to nothing, and fetches of this report may still read its token
    // after the caller has gone (a cancelled report does not wait for its pages to leave the graph).
    private readonly CancellationTokenSource _abort = new();
    private TaskCompletionSource<IReadOnlyList<PageRequest>> _round = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Progress is reported under this lock, so that two pages reporting at once cannot deliver an older value last.
    private readonly Lock _progressGate = new();
    private readonly Dictionary<PageWait, DateTimeOffset> _waits = [];
    private int _pagesDone;
    private int _pagesTotal;
    private int _repositories;

    public ReportPlan Plan => plan;

    public string OutputPath => outputPath;

    public long StartedAt => startedAt;

    /// <summary>Gets the caller's token: it stops the whole report, the CSV write included.</summary>
    public CancellationToken CallerToken => cancellationToken;

    /// <summary>Gets the token of this report's fetches: cancelled by the caller or by the report's first failed page.</summary>
    public CancellationToken FetchToken => _abort.Token;

    /// <summary>Gets the report's searches in ranking order: its query, then the slices GitHub's 1,000-result cap called for.</summary>
    public List<SearchSlice> Slices { get; } = [];

    /// <summary>Gets or sets how many creation-time windows GitHub capped, so they were read as two halves.</summary>
    public int SplitWindows { get; set; }

    /// <summary>Gets or sets how many searches (pages) the report has received.</summary>
    public int Searches { get; set; }

    public ReportResult? Result { get; set; }

    /// <summary>Gets a value indicating whether the pages wait for an exhausted rate limit's reset however far away (a queued job).</summary>
    public bool WaitForRateLimitReset { get; init; }

    /// <summary>Gets the earlier star counts the report measures movement against, or <see langword="null"/> when there are none (the CLI).</summary>
    public IStarHistory? StarHistory { get; init; }

    public int PagesTotal => Volatile.Read(ref _pagesTotal);

    /// <summary>Starts waiting for <paramref name="pages"/> more pages; the task gives the pages needed next (none: written).</summary>
    public Task<IReadOnlyList<PageRequest>> StartRound(int pages)
    {
        // Progress totals grow as slices are discovered.
        Interlocked.Add(ref _pagesTotal, pages);
        _round = new TaskCompletionSource<IReadOnlyList<PageRequest>>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _round.Task;
    }

    public void EndRound(IReadOnlyList<PageRequest> next) => _round.TrySetResult(next);

    public void Fail(Exception error)
    {
        if (error is OperationCanceledException && CallerToken.IsCancellationRequested)
        {
            _round.TrySetCanceled(CallerToken);
        }
        else
        {
            _round.TrySetException(error);
        }
    }

    /// <summary>Stops this report's fetches that have not finished; its pages still waiting leave the graph without a request.</summary>
    public void Abort() => _abort.Cancel();

    public void PageDone(int items)
    {
        lock (_progressGate)
        {
            _pagesDone++;
            _repositories += items;
            ReportProgress();
        }
    }

    /// <summary>A new sink for one page's rate-limit waits: the report waits while any of its pages does, until the latest reset among them.</summary>
    public IProgress<DateTimeOffset?> NewPageWait() => new PageWait(this);

    private void PageWaiting(PageWait page, DateTimeOffset? until)
    {
        lock (_progressGate)
        {
            if (until is { } time)
            {
                _waits[page] = time;
            }
            else if (!_waits.Remove(page))
            {
                return;
            }

            ReportProgress();
        }
    }

    private void ReportProgress() =>
        progress?.Report(new ReportProgress(_pagesDone, PagesTotal, _repositories) { WaitingUntil = _waits.Count == 0 ? null : _waits.Values.Max() });

    private sealed class PageWait(ReportRun run) : IProgress<DateTimeOffset?>
    {
        public void Report(DateTimeOffset? value) => run.PageWaiting(this, value);
    }
}
