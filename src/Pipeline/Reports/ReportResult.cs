using System.Text.Json.Serialization;
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

    /// <summary>Gets how many searches (the report's query and the star and creation-time slices GitHub's 1,000-result cap called for) the report read.</summary>
    public int Slices { get; init; } = 1;

    /// <summary>Gets how many star counts held more than 1,000 repositories, so they were read in creation-time windows.</summary>
    public int CrowdedStarCounts { get; init; }

    /// <summary>
    /// Gets the ranked repositories as observed, with their star movement, for the job store to keep as a snapshot.
    /// Held in memory only: it is not part of the job's stored result, which stays small whatever the report's size.
    /// </summary>
    [JsonIgnore]
    public ReportSnapshot? Snapshot { get; init; }
}
