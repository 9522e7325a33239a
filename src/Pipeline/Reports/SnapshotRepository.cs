using HotRepos.Ranking;

namespace HotRepos.Reports;

/// <summary>One repository of a report as it was observed: what a snapshot keeps of it.</summary>
/// <param name="Id">GitHub's numeric repository id: the key of its history, stable across renames.</param>
/// <param name="Rank">Its 1-based rank in the report (in a rising list: its place in that list).</param>
/// <param name="FullName">The <c>owner/name</c> it had then.</param>
/// <param name="HtmlUrl">Its page on GitHub.</param>
/// <param name="Description">The description, or <see langword="null"/>.</param>
/// <param name="Stars">The stargazer count.</param>
/// <param name="Forks">The fork count.</param>
/// <param name="OpenIssues">The open issue (and pull request) count.</param>
/// <param name="Language">The primary language, or <see langword="null"/>.</param>
/// <param name="Topics">The topics; empty when it has none.</param>
/// <param name="CreatedAt">When the repository was created (UTC).</param>
public sealed record SnapshotRepository(
    long Id,
    int Rank,
    string FullName,
    string HtmlUrl,
    string? Description,
    int Stars,
    int Forks,
    int OpenIssues,
    string? Language,
    IReadOnlyList<string> Topics,
    DateTimeOffset CreatedAt)
{
    /// <summary>Gets the star movement since the latest earlier snapshot that holds it, or <see langword="null"/> when there is none.</summary>
    public StarMovement? Movement { get; init; }

    /// <summary>Builds the snapshot row of a ranked repository.</summary>
    /// <param name="entry">The repository and its rank.</param>
    /// <param name="movement">Its star movement, or <see langword="null"/>.</param>
    /// <returns>The row.</returns>
    public static SnapshotRepository From(RankedRepository entry, StarMovement? movement)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var r = entry.Repository;
        return new SnapshotRepository(r.Id, entry.Rank, r.FullName, r.HtmlUrl, r.Description, r.Stars, r.Forks, r.OpenIssues, r.Language, r.Topics, r.CreatedAt)
        {
            Movement = movement,
        };
    }
}
