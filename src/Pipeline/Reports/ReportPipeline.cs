using System.Threading.Tasks.Dataflow;
using HotRepos.Export;
using HotRepos.GitHub;
using Microsoft.Extensions.Options;

namespace HotRepos.Reports;

/// <summary>
/// The Dataflow graph of one report, built per report so that pages of concurrent reports never mix and a
/// failure never leaves a faulted block behind:
/// <c>BufferBlock&lt;PageRequest&gt;</c> → <c>TransformBlock</c> (fetch, bounded parallelism) →
/// <c>BatchBlock</c> (one batch = all of the report's pages) → <c>ActionBlock</c> (merge, group, write CSV).
/// </summary>
internal sealed class ReportPipeline(PageFetcher fetcher, IOptions<GitHubOptions> options, TimeProvider timeProvider)
{
    public async Task<ReportResult> RunAsync(ReportPlan plan, string outputPath, IProgress<ReportProgress>? progress, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var run = new Run(plan, progress);

        // Cancelled by the first failed page, so the report's other pages stop spending quota.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completed = new TaskCompletionSource<ReportResult>(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = new BufferBlock<PageRequest>(new DataflowBlockOptions
        {
            BoundedCapacity = plan.PageCount,
            CancellationToken = cancellationToken,
        });
        var fetch = new TransformBlock<PageRequest, PageResult>(
            request => FetchAsync(request, run, abort),
            new ExecutionDataflowBlockOptions
            {
                MaxDegreeOfParallelism = options.Value.MaxParallelism,
                BoundedCapacity = plan.PageCount,
                CancellationToken = cancellationToken,
                EnsureOrdered = false,
            });
        var batch = new BatchBlock<PageResult>(plan.PageCount, new GroupingDataflowBlockOptions
        {
            BoundedCapacity = plan.PageCount,
            CancellationToken = cancellationToken,
        });
        var write = new ActionBlock<PageResult[]>(
            async pages =>
            {
                try
                {
                    completed.TrySetResult(await WriteAsync(pages, run, outputPath, started, cancellationToken));
                }
                catch (Exception ex)
                {
                    completed.TrySetException(ex);
                }
            },
            new ExecutionDataflowBlockOptions { BoundedCapacity = 1, CancellationToken = cancellationToken });

        var link = new DataflowLinkOptions { PropagateCompletion = true };
        using (requests.LinkTo(fetch, link))
        using (fetch.LinkTo(batch, link))
        using (batch.LinkTo(write, link))
        {
            for (var page = 1; page <= plan.PageCount; page++)
            {
                await requests.SendAsync(new PageRequest(plan.Query, page, plan.PerPage, plan.PageCount), cancellationToken);
            }

            requests.Complete();
            try
            {
                await write.Completion;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Blocks cancelled by the caller drop their messages; the write step may never have run.
                completed.TrySetCanceled(cancellationToken);
            }
            finally
            {
                // Fetches still running use `abort`; let them end before it is disposed. WhenAny never throws.
                await Task.WhenAny(fetch.Completion);
            }
        }

        return await completed.Task;
    }

    private async Task<PageResult> FetchAsync(PageRequest request, Run run, CancellationTokenSource abort)
    {
        if (abort.IsCancellationRequested)
        {
            return PageResult.Failure(request.Page, new OperationCanceledException(abort.Token));
        }

        var result = await fetcher.FetchAsync(request, abort.Token);
        if (result.Succeeded)
        {
            run.PageDone(result.Search!.Items.Count);
        }
        else
        {
            await abort.CancelAsync();
        }

        return result;
    }

    private async Task<ReportResult> WriteAsync(PageResult[] pages, Run run, string outputPath, long started, CancellationToken cancellationToken)
    {
        ThrowIfAnyFailed(pages, cancellationToken);
        var plan = run.Plan;
        var searches = pages.OrderBy(p => p.Page).Select(p => p.Search!).ToList();
        var ranked = RankMerger.Merge(searches.Select(s => s.Items), plan.Top);

        // Pages shift while people star repositories: duplicates removed above leave the report short, so
        // keep reading further pages while GitHub has more matches to give (at most its 1,000-result cap).
        while (ranked.Count < plan.Top && searches.Count * plan.PerPage < Math.Min(searches[^1].TotalCount, ReportRequest.MaxTop))
        {
            var next = searches.Count + 1;
            run.PageAdded();
            var extra = await fetcher.FetchAsync(new PageRequest(plan.Query, next, plan.PerPage, run.PagesTotal), cancellationToken);
            ThrowIfAnyFailed([extra], cancellationToken);
            run.PageDone(extra.Search!.Items.Count);
            searches.Add(extra.Search!);
            ranked = RankMerger.Merge(searches.Select(s => s.Items), plan.Top);
        }

        var groups = RepositoryGrouper.Group(ranked, plan.Request.GroupBy);
        await AtomicFileWriter.WriteAsync(
            outputPath,
            (stream, ct) => CsvReportWriter.WriteAsync(stream, plan.Request.Layout, plan.Request.GroupBy, ranked, groups, ct),
            cancellationToken);

        var totalMatches = searches[^1].TotalCount;
        return new ReportResult(
            outputPath,
            plan.Since,
            ranked.Count,
            groups.Count,
            totalMatches,
            searches.Count,
            Warnings(searches, ranked.Count, plan, totalMatches),
            timeProvider.GetElapsedTime(started))
        {
            TopGroups = GroupSummary.Largest(groups),
        };
    }

    private static List<string> Warnings(List<GitHub.SearchPage> searches, int written, ReportPlan plan, int totalMatches)
    {
        var warnings = new List<string>();
        for (var i = 0; i < searches.Count; i++)
        {
            if (searches[i].IncompleteResults)
            {
                warnings.Add($"GitHub marked page {i + 1} incomplete (its search timed out): the report may miss repositories");
            }
        }

        if (written < plan.Top)
        {
            warnings.Add(totalMatches < plan.Top
                ? $"GitHub has only {totalMatches} matching repositories; the report holds {written} of the {plan.Top} asked for"
                : $"the report holds {written} of the {plan.Top} repositories asked for: GitHub's ranking moved while pages were fetched and its 1,000-result cap left none to top up with");
        }

        return warnings;
    }

    private static void ThrowIfAnyFailed(IEnumerable<PageResult> pages, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The first real failure explains the report's end; pages cancelled because of it do not.
        var failure = pages
            .Where(p => !p.Succeeded)
            .OrderBy(p => p.Error is OperationCanceledException ? 1 : 0)
            .ThenBy(p => p.Page)
            .FirstOrDefault();
        if (failure is not null)
        {
            throw new ReportFailedException(failure.Error!.Message, failure.Error);
        }
    }

    /// <summary>The mutable progress of one report; pages complete concurrently.</summary>
    private sealed class Run(ReportPlan plan, IProgress<ReportProgress>? progress)
    {
        private int _pagesDone;
        private int _pagesTotal = plan.PageCount;
        private int _repositories;

        public ReportPlan Plan => plan;

        public int PagesTotal => Volatile.Read(ref _pagesTotal);

        public void PageAdded() => Interlocked.Increment(ref _pagesTotal);

        public void PageDone(int items)
        {
            var done = Interlocked.Increment(ref _pagesDone);
            var repositories = Interlocked.Add(ref _repositories, items);
            progress?.Report(new ReportProgress(done, PagesTotal, repositories));
        }
    }
}
