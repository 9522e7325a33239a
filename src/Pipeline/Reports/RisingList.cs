namespace HotRepos.Reports;

/// <summary>
/// Rising repositories: of each repository's latest observation, those with star movement (an earlier snapshot at
/// least <see cref="Ranking.StarMovement.MinimumInterval"/> before holds it), ranked by stars gained per day.
/// </summary>
public static class RisingList
{
    /// <summary>The largest list.</summary>
    public const int MaxTop = 200;

    /// <summary>The list size when none is given.</summary>
    public const int DefaultTop = 25;

    /// <summary>
    /// Ranks <paramref name="latest"/> by stars per day, then stars gained, then stars (all descending), then id; keeps
    /// the first <paramref name="top"/>, each with its place in the list as <see cref="SnapshotRepository.Rank"/>.
    /// </summary>
    /// <param name="latest">The latest observation of each repository.</param>
    /// <param name="language">Only this primary language (any case), or <see langword="null"/> for all.</param>
    /// <param name="topic">Only repositories with this topic (any case), or <see langword="null"/> for all.</param>
    /// <param name="top">How many to keep.</param>
    /// <returns>The rising list, first place first.</returns>
    public static IReadOnlyList<SnapshotRepository> Rank(IEnumerable<SnapshotRepository> latest, string? language, string? topic, int top) =>
        [.. (latest ?? throw new ArgumentNullException(nameof(latest)))
            .Where(r => r.Movement is not null)
            .Where(r => language is null || string.Equals(r.Language, language, StringComparison.OrdinalIgnoreCase))
            .Where(r => topic is null || r.Topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
            .OrderByDescending(r => r.Movement!.PerDay)
            .ThenByDescending(r => r.Movement!.Gained)
            .ThenByDescending(r => r.Stars)
            .ThenBy(r => r.Id)
            .Take(top)
            .Select((r, i) => r with { Rank = i + 1 })];
}
