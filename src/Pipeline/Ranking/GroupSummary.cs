namespace HotRepos.Ranking;

/// <summary>One group of a report in numbers.</summary>
/// <param name="Name">The language or topic.</param>
/// <param name="Repositories">How many of the report's repositories it holds.</param>
/// <param name="Stars">Their stars, added up.</param>
public sealed record GroupSummary(string Name, int Repositories, long Stars)
{
    /// <summary>How many groups <c>ReportResult.TopGroups</c> lists at most.</summary>
    public const int MaxListed = 10;

    /// <summary>Summarizes the largest groups.</summary>
    /// <param name="groups">All groups of a report.</param>
    /// <returns>At most <see cref="MaxListed"/> summaries, largest first.</returns>
    public static IReadOnlyList<GroupSummary> Largest(IEnumerable<RepositoryGroup> groups) =>
        (groups ?? throw new ArgumentNullException(nameof(groups)))
            .Select(g => new GroupSummary(g.Name, g.Repositories.Count, g.Repositories.Sum(r => (long)r.Repository.Stars)))
            .OrderByDescending(g => g.Repositories)
            .ThenByDescending(g => g.Stars)
            .ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxListed)
            .ToList();
}
