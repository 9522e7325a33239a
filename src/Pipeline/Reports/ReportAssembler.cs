using HotRepos.Export;
using HotRepos.GitHub;
using HotRepos.Ranking;
using HotRepos.Requests;

namespace HotRepos.Reports;

/// <summary>
/// The last step of a report: checks a round of pages, merges everything received so far, and either asks for
/// top-up pages or groups the repositories and writes the CSV. No Dataflow here, so it is tested on its own.
/// </summary>
internal static class ReportAssembler
{
    /// <summary>Adds a round of pages to <paramref name="run"/>; returns how many more pages it needs, or 0 once the file is written.</summary>
    /// <exception cref="ReportFailedException">A page failed; the first real failure says why.</exception>
    public static async Task<int> AssembleAsync(ReportRun run, IReadOnlyList<PageResult> round, TimeSpan elapsed)
    {
        ThrowIfAnyFailed(round, run.CallerToken);
        var plan = run.Plan;
        run.Pages.AddRange(round.OrderBy(p => p.Page).Select(p => p.Search!));
        var ranked = RankMerger.Merge(run.Pages.Select(s => s.Items), plan.Top);

        // Ask for more pages while the report is short and GitHub has more matches to give (at most its 1,000-result
        // cap): after a filtered report's first page, or when pages shifted while people starred repositories and
        // duplicates removed above left the report short. Never a page beyond the matches: it would be empty.
        var available = Math.Min(run.Pages[^1].TotalCount, ReportRequest.MaxTop) - (run.Pages.Count * plan.PerPage);
        if (ranked.Count < plan.Top && available > 0)
        {
            var missing = plan.Top - ranked.Count;
            return (Math.Min(missing, available) + plan.PerPage - 1) / plan.PerPage;
        }

        var groups = RepositoryGrouper.Group(ranked, plan.Request.GroupBy);
        await AtomicFileWriter.WriteAsync(
            run.OutputPath,
            (stream, ct) => CsvReportWriter.WriteAsync(stream, plan.Request.Layout, plan.Request.GroupBy, ranked, groups, ct),
            run.CallerToken);

        var totalMatches = run.Pages[^1].TotalCount;
        run.Result = new ReportResult(
            run.OutputPath,
            plan.Since,
            ranked.Count,
            groups.Count,
            totalMatches,
            run.Pages.Count,
            Warnings(run.Pages, ranked.Count, plan.Top, totalMatches),
            elapsed)
        {
            TopGroups = GroupSummary.Largest(groups),
        };
        return 0;
    }

    private static List<string> Warnings(List<SearchPage> pages, int written, int top, int totalMatches)
    {
        var warnings = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].IncompleteResults)
            {
                warnings.Add($"GitHub marked page {i + 1} incomplete (its search timed out): the report may miss repositories");
            }
        }

        if (written < top)
        {
            warnings.Add(totalMatches < top
                ? $"GitHub has only {totalMatches} matching repositories; the report holds {written} of the {top} asked for"
                : $"the report holds {written} of the {top} repositories asked for: GitHub's ranking moved while pages were fetched and its 1,000-result cap left none to top up with");
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
}
