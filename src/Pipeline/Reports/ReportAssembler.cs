using HotRepos.Export;
using HotRepos.GitHub;
using HotRepos.Ranking;

namespace HotRepos.Reports;

/// <summary>
/// The last step of a report: checks a round of pages, merges everything received so far, and either asks for
/// top-up pages or groups the repositories and writes the CSV. No Dataflow here, so it is tested on its own.
/// </summary>
internal static class ReportAssembler
{
    /// <summary>The first round of a report: its query's pages, all at once when GitHub surely has them, else page 1.</summary>
    public static IReadOnlyList<PageRequest> FirstRound(ReportRun run)
    {
        var slice = new SearchSlice { Query = run.Plan.Query };
        run.Slices.Add(slice);
        return Ask(slice, run.Plan.FirstRoundPages, run.Plan.PerPage);
    }

    /// <summary>
    /// Adds a round of pages to <paramref name="run"/>; returns the pages it needs next, or none once the file is
    /// written. <paramref name="now"/> is when the repositories count as observed.
    /// </summary>
    /// <exception cref="ReportFailedException">A page failed; the first real failure says why.</exception>
    public static async Task<IReadOnlyList<PageRequest>> AssembleAsync(
        ReportRun run, IReadOnlyList<(PageRequest Request, PageResult Result)> round, TimeSpan elapsed, DateTimeOffset now)
    {
        ThrowIfAnyFailed(round.Select(p => p.Result), run.CallerToken);
        var plan = run.Plan;
        foreach (var (request, result) in round)
        {
            run.Slices.First(s => s.Query == request.Query).Pages[request.Page] = result.Search!;
            run.Searches++;
        }

        var next = Next(run, out var ranked);
        if (next.Count > 0)
        {
            return next;
        }

        var groups = RepositoryGrouper.Group(ranked, plan.Request.GroupBy);
        var movement = run.StarHistory is { } history ? await MovementAsync(history, ranked, now, run.CallerToken) : null;
        await AtomicFileWriter.WriteAsync(
            run.OutputPath,
            (stream, ct) => CsvReportWriter.WriteAsync(stream, plan.Request.Layout, plan.Request.GroupBy, ranked, groups, movement, ct),
            run.CallerToken);

        var totalMatches = run.Slices[0].TotalCount ?? 0;
        run.Result = new ReportResult(
            run.OutputPath,
            plan.Since,
            ranked.Count,
            groups.Count,
            totalMatches,
            run.Searches,
            Warnings(run.Slices, ranked.Count, plan.Top, totalMatches),
            elapsed)
        {
            TopGroups = GroupSummary.Largest(groups),
            Slices = run.Slices.Count + run.SplitWindows,
            CrowdedStarCounts = run.Slices.Where(w => w.TieStars is not null).Select(w => w.TieStars).Distinct().Count(),
            Snapshot = new ReportSnapshot(now, [.. ranked.Select(r => SnapshotRepository.From(r, movement?.GetValueOrDefault(r.Repository.Id)))]),
        };
        return [];
    }

    /// <summary>Each repository's star movement since its latest observation at least <see cref="StarMovement.MinimumInterval"/> earlier.</summary>
    private static async Task<IReadOnlyDictionary<long, StarMovement>> MovementAsync(
        IStarHistory history, List<RankedRepository> ranked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var earlier = await history.GetLatestBeforeAsync([.. ranked.Select(r => r.Repository.Id)], now - StarMovement.MinimumInterval, cancellationToken);
        var movement = new Dictionary<long, StarMovement>();
        foreach (var entry in ranked)
        {
            var repository = entry.Repository;
            if (earlier.TryGetValue(repository.Id, out var then) && StarMovement.Between(then, new StarObservation(now, repository.Stars)) is { } moved)
            {
                movement[repository.Id] = moved;
            }
        }

        return movement;
    }

    /// <summary>
    /// The search cost budget of a report of <paramref name="top"/> repositories read in <paramref name="slices"/>
    /// searches (slices, a creation-time window split in two counted too): ceil(top / 100) + slices + 1, plus 10 for
    /// each star count held by more than 1,000 repositories (the pages of it a star slice read are read again, in its
    /// creation-time windows).
    /// </summary>
    public static int SearchBudget(int top, int slices, int crowdedStarCounts) =>
        ((top + GitHubSearchClient.MaxPerPage - 1) / GitHubSearchClient.MaxPerPage) + slices + 1 + (10 * crowdedStarCounts);

    /// <summary>
    /// Merges every slice received so far, in ranking order, and decides what comes next: more pages of the slice
    /// that ends the ranking so far, the next slice (GitHub capped the last one at 1,000 results), or nothing (the
    /// ranking holds top repositories, or GitHub has no more). Pages still to come from GitHub are asked for only as
    /// far as the report can need them.
    /// </summary>
    private static List<PageRequest> Next(ReportRun run, out List<RankedRepository> ranked)
    {
        var plan = run.Plan;
        var top = plan.Top;
        var perPage = plan.PerPage;
        var seen = new HashSet<long>();
        var list = new List<RankedRepository>(top);
        ranked = list;

        void Add(IEnumerable<GitHubRepository> items)
        {
            foreach (var repository in items)
            {
                if (list.Count == top)
                {
                    return;
                }

                if (seen.Add(repository.Id))
                {
                    list.Add(new RankedRepository(list.Count + 1, repository));
                }
            }
        }

        SplitCappedWindows(run);
        var slices = run.Slices;
        for (var i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            if (slice.TieStars is { } tie)
            {
                // One star count held by more than 1,000 repositories, read in creation-time windows. GitHub breaks
                // star ties by repository id, and ids grow with creation time: windows in time order, each in id
                // order, continue the ranking exactly where the star slice before it stopped.
                var group = new List<SearchSlice>();
                var j = i;
                for (; j < slices.Count && slices[j].TieStars == tie; j++)
                {
                    group.Add(slices[j]);
                }

                var requests = new List<PageRequest>();
                var expected = list.Count;
                foreach (var window in group)
                {
                    if (requests.Count == 0 && window.Exhausted(perPage))
                    {
                        // Every window before it is in the ranking: so is this one.
                        Add(window.Items.OrderBy(r => r.Id));
                        expected = list.Count;
                        continue;
                    }

                    if (expected >= top)
                    {
                        break;
                    }

                    if (window.TotalCount is not { } total)
                    {
                        // Not probed yet: its page 1 says how many it holds. Windows' bounds are known, so they go together.
                        requests.AddRange(Ask(window, 1, perPage));
                        continue;
                    }

                    // Every page of a window: its repositories come in id order, which needs them all.
                    requests.AddRange(Ask(window, Pages(Math.Min(total, GitHubSearchClient.MaxResults), perPage) - (window.NextPage - 1), perPage));
                    expected += total;
                }

                if (requests.Count > 0)
                {
                    return requests;
                }

                if (list.Count >= top)
                {
                    return [];
                }

                i = j - 1;
                if (j == slices.Count && tie - 1 >= (plan.Request.MinStars ?? 0))
                {
                    slices.Add(StarSlice(plan, tie - 1, 0));
                }

                continue;
            }

            Add(slice.Items);
            if (list.Count >= top)
            {
                return [];
            }

            if (!slice.Exhausted(perPage))
            {
                // Short of top and GitHub has more of this slice: after a filtered report's first page, for the
                // slice just discovered, or when pages shifted while people starred repositories.
                var reachable = Math.Min(slice.TotalCount ?? GitHubSearchClient.MaxResults, GitHubSearchClient.MaxResults);
                var missing = top - list.Count + (slice.Pages.Count == 0 ? slice.KnownDuplicates : 0);
                var read = ((slice.NextPage == 0 ? slice.FirstPage : slice.NextPage) - 1) * perPage;
                return Ask(slice, Pages(Math.Min(missing, reachable - read), perPage), perPage);
            }

            if (!slice.Capped || i + 1 < slices.Count)
            {
                // Not capped: GitHub has nothing more under this slice's bound, the report ends here (short).
                if (!slice.Capped)
                {
                    return [];
                }

                continue;
            }

            var items = slice.Items.ToList();
            if (items.Count == 0)
            {
                return [];
            }

            var last = items[^1].Stars;
            var bound = slice.MaxStars ?? items[0].Stars;
            if (last >= bound)
            {
                // All 1,000 results share one star count: `stars:..S` again would read the same page.
                var from = new DateTimeOffset(plan.Since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var to = new DateTimeOffset(plan.Until.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
                slices.Add(Window(plan, last, from, to));
            }
            else
            {
                // The repositories of star count S this slice holds come again first in the next slice (GitHub
                // keeps its tie order): whole pages of them are skipped, the rest removed as duplicates.
                slices.Add(StarSlice(plan, last, items.Count(r => r.Stars == last)));
            }
        }

        return [];
    }

    /// <summary>Replaces every window GitHub capped by its two halves (a window of one second cannot be split: it is read to the cap).</summary>
    private static void SplitCappedWindows(ReportRun run)
    {
        var plan = run.Plan;
        for (var i = 0; i < run.Slices.Count; i++)
        {
            var window = run.Slices[i];
            if (window.TieStars is { } stars && window.Capped && window.To > window.From)
            {
                var middle = window.From.AddSeconds(Math.Floor((window.To - window.From).TotalSeconds / 2));
                run.SplitWindows++;
                run.Slices[i] = Window(plan, stars, window.From, middle);
                run.Slices.Insert(i + 1, Window(plan, stars, middle.AddSeconds(1), window.To));
                i--;
            }
        }
    }

    private static SearchSlice StarSlice(ReportPlan plan, int maxStars, int duplicates)
    {
        var skip = duplicates / plan.PerPage;
        var r = plan.Request;
        return new SearchSlice
        {
            Query = SearchQueryBuilder.Build(plan.Since, plan.Until, r.Language, r.Topic, r.MinStars, maxStars),
            MaxStars = maxStars,
            FirstPage = skip + 1,
            NextPage = skip + 1,
            KnownDuplicates = duplicates - (skip * plan.PerPage),
        };
    }

    private static SearchSlice Window(ReportPlan plan, int stars, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Query = SearchQueryBuilder.Build(from, to, plan.Request.Language, plan.Request.Topic, stars),
        TieStars = stars,
        From = from,
        To = to,
    };

    /// <summary>Asks for the next <paramref name="count"/> pages of <paramref name="slice"/>, never past GitHub's 1,000th result.</summary>
    private static List<PageRequest> Ask(SearchSlice slice, int count, int perPage)
    {
        if (slice.NextPage == 0)
        {
            slice.NextPage = slice.FirstPage;
        }

        var last = Math.Min(slice.NextPage + count - 1, Pages(GitHubSearchClient.MaxResults, perPage));
        var requests = new List<PageRequest>();
        for (; slice.NextPage <= last; slice.NextPage++)
        {
            requests.Add(new PageRequest(slice.Query, slice.NextPage, perPage, 0));
        }

        return requests;
    }

    private static int Pages(int repositories, int perPage) => (Math.Max(0, repositories) + perPage - 1) / perPage;

    private static List<string> Warnings(List<SearchSlice> slices, int written, int top, int totalMatches)
    {
        var warnings = new List<string>();
        foreach (var slice in slices)
        {
            foreach (var (page, search) in slice.Pages)
            {
                if (search.IncompleteResults)
                {
                    warnings.Add(slice == slices[0]
                        ? $"GitHub marked page {page} incomplete (its search timed out): the report may miss repositories"
                        : $"GitHub marked page {page} of q={slice.Query} incomplete (its search timed out): the report may miss repositories");
                }
            }
        }

        if (written < top)
        {
            warnings.Add(totalMatches < top
                ? $"GitHub has only {totalMatches} matching repositories; the report holds {written} of the {top} asked for"
                : $"the report holds {written} of the {top} repositories asked for: GitHub's ranking moved while pages were fetched");
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
