using System.Collections.Concurrent;
using System.Globalization;
using HotRepos.GitHub;

namespace HotRepos.Tests.TestSupport;

/// <summary>
/// An <see cref="IPageSource"/> in memory. Every query has its own repositories (ids and names derived from the
/// query), ranked 1, 2, 3 ... so that two reports' pages can be told apart; a page of a query is always the same.
/// A test can hold pages on a gate, fail chosen pages, shift pages (drift) and cap total_count, and reads back
/// in-flight and total fetch counts, overall and per query.
/// </summary>
internal sealed class FakePageSource : IPageSource
{
    /// <summary>GitHub's <c>total_count</c> for a query without its own: more than the 1,000 GitHub serves.</summary>
    public const int DefaultTotalCount = 5000;

    private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<HoldRule> _holds = new();
    private readonly ConcurrentQueue<FailRule> _failures = new();
    private readonly ConcurrentDictionary<string, int> _drift = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _totalCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counters> _byQuery = new(StringComparer.Ordinal);
    private readonly Counters _all = new();

    public int InFlight => Volatile.Read(ref _all.InFlight);

    public int MaxInFlight => Volatile.Read(ref _all.MaxInFlight);

    public int TotalFetches => Volatile.Read(ref _all.Fetches);

    public int InFlightOf(string query) => Volatile.Read(ref CountersOf(query).InFlight);

    public int FetchesOf(string query) => Volatile.Read(ref CountersOf(query).Fetches);

    /// <summary>Fetches of <paramref name="query"/> that ended because their token was cancelled while they were held.</summary>
    public int CancelledOf(string query) => Volatile.Read(ref CountersOf(query).Cancelled);

    /// <summary>A new gate for <see cref="Hold"/>; <see cref="OpenAllGates"/> opens it at the latest.</summary>
    public TaskCompletionSource NewGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gates.Enqueue(gate);
        return gate;
    }

    /// <summary>Opens every gate made by <see cref="NewGate"/>: after a test, so that a failed one leaves no fetch held for good.</summary>
    public void OpenAllGates()
    {
        foreach (var gate in _gates)
        {
            gate.TrySetResult();
        }
    }

    /// <summary>Makes matching fetches wait for <paramref name="gate"/>; with <paramref name="ignoreCancellation"/> they wait even when their token is cancelled.</summary>
    public void Hold(Task gate, string? query = null, int? page = null, bool ignoreCancellation = false) =>
        _holds.Enqueue(new HoldRule(gate, query, page, ignoreCancellation));

    /// <summary>Makes matching fetches fail with <paramref name="error"/> (after any hold).</summary>
    public void Fail(Exception error, string? query = null, int? page = null) => _failures.Enqueue(new FailRule(error, query, page));

    /// <summary>Makes every page of <paramref name="query"/> after the first repeat the last <paramref name="shift"/> repositories of the page before it, as GitHub does while stars move.</summary>
    public void Drift(string query, int shift) => _drift[query] = shift;

    /// <summary>Sets GitHub's <c>total_count</c> of <paramref name="query"/>; pages hold no repository beyond it.</summary>
    public void SetTotalCount(string query, int totalCount) => _totalCounts[query] = totalCount;

    /// <summary>The repository at <paramref name="rank"/> (from 1) of <paramref name="query"/>.</summary>
    public static GitHubRepository Repository(string query, int rank)
    {
        var key = QueryKey(query);
        var owner = string.Create(CultureInfo.InvariantCulture, $"q{key:x8}");
        return new GitHubRepository(
            Id: (key * 100_000L) + rank,
            FullName: $"{owner}/repo{rank}",
            HtmlUrl: $"https://github.com/{owner}/repo{rank}",
            Description: $"Repository {rank} of {query}",
            Language: "Rust",
            Stars: 1_000_000 - rank,
            Forks: rank,
            OpenIssues: 0,
            Topics: [],
            CreatedAt: TestRepositories.CreatedAt,
            PushedAt: TestRepositories.CreatedAt,
            OwnerLogin: owner,
            LicenseSpdxId: null,
            Archived: false,
            Fork: false);
    }

    /// <summary>The full names of ranks 1 to <paramref name="top"/> of <paramref name="query"/>: what its report must hold.</summary>
    public static IReadOnlyList<string> ExpectedNames(string query, int top) =>
        [.. Enumerable.Range(1, top).Select(rank => Repository(query, rank).FullName)];

    public async Task<PageResult> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var counters = CountersOf(request.Query);
        Enter(_all);
        Enter(counters);
        try
        {
            foreach (var hold in _holds.Where(h => Matches(h.Query, h.Page, request)))
            {
                await (hold.IgnoreCancellation ? hold.Gate : hold.Gate.WaitAsync(cancellationToken));
            }

            return _failures.FirstOrDefault(f => Matches(f.Query, f.Page, request)) is { } failure
                ? PageResult.Failure(request.Page, failure.Error)
                : PageResult.Success(request.Page, Page(request));
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref counters.Cancelled);
            return PageResult.Failure(request.Page, ex);
        }
        finally
        {
            Interlocked.Decrement(ref counters.InFlight);
            Interlocked.Decrement(ref _all.InFlight);
        }
    }

    private SearchPage Page(PageRequest request)
    {
        var totalCount = _totalCounts.GetValueOrDefault(request.Query, DefaultTotalCount);
        var shift = request.Page > 1 ? _drift.GetValueOrDefault(request.Query) : 0;
        var first = ((request.Page - 1) * request.PerPage) + 1 - shift;
        var last = Math.Min(first + request.PerPage - 1, Math.Min(totalCount, 1000));
        var items = Enumerable.Range(first, Math.Max(0, last - first + 1)).Select(rank => Repository(request.Query, rank)).ToList();
        return new SearchPage(totalCount, IncompleteResults: false, items, RateLimit: null);
    }

    private static bool Matches(string? query, int? page, PageRequest request) =>
        (query is null || query == request.Query) && (page is null || page == request.Page);

    private static void Enter(Counters counters)
    {
        Interlocked.Increment(ref counters.Fetches);
        var inFlight = Interlocked.Increment(ref counters.InFlight);
        var max = Volatile.Read(ref counters.MaxInFlight);
        while (inFlight > max)
        {
            var seen = Interlocked.CompareExchange(ref counters.MaxInFlight, inFlight, max);
            if (seen == max)
            {
                return;
            }

            max = seen;
        }
    }

    /// <summary>FNV-1a of the query: a stable number per query, so each query has its own repository ids.</summary>
    private static uint QueryKey(string query)
    {
        var hash = 2166136261u;
        foreach (var c in query)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private Counters CountersOf(string query) => _byQuery.GetOrAdd(query, _ => new Counters());

    private sealed record HoldRule(Task Gate, string? Query, int? Page, bool IgnoreCancellation);

    private sealed record FailRule(Exception Error, string? Query, int? Page);

    private sealed class Counters
    {
        public int InFlight;
        public int MaxInFlight;
        public int Fetches;
        public int Cancelled;
    }
}
