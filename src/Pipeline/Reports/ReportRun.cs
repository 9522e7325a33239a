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
    private TaskCompletionSource<int> _round = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>Gets the pages received so far, in page order.</summary>
    public List<SearchPage> Pages { get; } = [];

    public ReportResult? Result { get; set; }

    /// <summary>Gets a value indicating whether the pages wait for an exhausted rate limit's reset however far away (a queued job).</summary>
    public bool WaitForRateLimitReset { get; init; }

    public int PagesTotal => Volatile.Read(ref _pagesTotal);

    /// <summary>Starts waiting for <paramref name="pages"/> more pages; the task gives how many more pages are needed (0: written).</summary>
    public Task<int> StartRound(int pages)
    {
        Interlocked.Add(ref _pagesTotal, pages);
        _round = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _round.Task;
    }

    public void EndRound(int morePages) => _round.TrySetResult(morePages);

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
        var done = Interlocked.Increment(ref _pagesDone);
        var repositories = Interlocked.Add(ref _repositories, items);
        progress?.Report(new ReportProgress(done, PagesTotal, repositories));
    }
}
