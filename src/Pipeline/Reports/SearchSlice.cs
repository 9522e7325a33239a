using HotRepos.GitHub;

namespace HotRepos.Reports;

/// <summary>
/// One search of a report. A report up to 1,000 repositories is one slice (its query); above, GitHub's 1,000-result
/// cap splits it: the next star slice asks for <c>stars:..S</c>, S being the last star count the slice before ended
/// on, and a star count held by more than 1,000 repositories is read in creation-time windows of that star count.
/// </summary>
internal sealed class SearchSlice
{
    /// <summary>Gets GitHub's <c>q</c> of this slice: unique within its report.</summary>
    public required string Query { get; init; }

    /// <summary>Gets the most stars this slice can hold; <see langword="null"/> for the report's own query.</summary>
    public int? MaxStars { get; init; }

    /// <summary>Gets the star count of a creation-time window of one star count; <see langword="null"/> for a star slice.</summary>
    public int? TieStars { get; init; }

    /// <summary>Gets the first creation time of a window (inclusive, to the second).</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>Gets the last creation time of a window (inclusive, to the second).</summary>
    public DateTimeOffset To { get; init; }

    /// <summary>Gets the first page this slice reads: past whole pages of repositories the slice before already holds.</summary>
    public int FirstPage { get; init; } = 1;

    /// <summary>Gets how many repositories on this slice's first page the slice before already holds (a star tie at the edge).</summary>
    public int KnownDuplicates { get; init; }

    /// <summary>Gets the pages received, by page number.</summary>
    public SortedDictionary<int, SearchPage> Pages { get; } = [];

    /// <summary>Gets or sets the next page to ask for; 0 until the slice's first page is asked for.</summary>
    public int NextPage { get; set; }

    /// <summary>Gets GitHub's count of matches, once a page has come.</summary>
    public int? TotalCount => Pages.Count == 0 ? null : Pages.Values.Last().TotalCount;

    /// <summary>Gets a value indicating whether every page GitHub serves for this slice (1,000 results at most) has been read.</summary>
    public bool Exhausted(int perPage) => TotalCount is { } total && Math.Max(0, NextPage - 1) * perPage >= Math.Min(total, GitHubSearchClient.MaxResults);

    /// <summary>Gets a value indicating whether GitHub has more matches than its cap lets this slice read.</summary>
    public bool Capped => TotalCount > GitHubSearchClient.MaxResults;

    /// <summary>Gets the repositories received, in GitHub's order.</summary>
    public IEnumerable<GitHubRepository> Items => Pages.Values.SelectMany(p => p.Items);
}
