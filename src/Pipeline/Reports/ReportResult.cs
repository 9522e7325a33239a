using HotRepos.Ranking;
namespace HotRepos.Reports;

/// <summary>A finished report.</summary>
/// <param name="FilePath">The full path of the CSV file.</param>
/// <param name="Since">The first creation date the report covers.</param>
/// <param name="Repositories">How many unique repositories the file holds.</param>
/// <param name="Groups">How many groups the file holds.</param>
/// <param name="TotalMatches">GitHub's <c>total_count</c>: how many repositories matched the search.</param>
/// <param name="PagesFetched">How many pages were fetched, top-up pages included.</param>
/// <param name="Warnings">What the user should know, such as pages GitHub marked incomplete.</param>
/// <param name="Elapsed">How long the report took.</param>
public sealed record ReportResult(
    string FilePath,
    DateOnly Since,
    int Repositories,
    int Groups,
    int TotalMatches,
    int PagesFetched,
    IReadOnlyList<string> Warnings,
    TimeSpan Elapsed)
{
    /// <summary>Gets the largest groups (at most <see cref="GroupSummary.MaxListed"/>), by repositories then stars, for charts and summaries.</summary>
    public IReadOnlyList<GroupSummary> TopGroups { get; init; } = [];
}
