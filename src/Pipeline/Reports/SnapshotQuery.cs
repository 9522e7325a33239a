using HotRepos.Ranking;
using HotRepos.Requests;

namespace HotRepos.Reports;

/// <summary>Which repositories of a report's snapshot to show, in which order, which page.</summary>
public sealed record SnapshotQuery
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;

    /// <summary>The page size when none is given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Gets a group of the report's grouping (a language, <c>unknown</c>, a topic or <c>untagged</c>), any case; <see langword="null"/> for all.</summary>
    public string? Group { get; init; }

    /// <summary>Gets text the full name, description or a topic must contain, any case; <see langword="null"/> for all.</summary>
    public string? Search { get; init; }

    /// <summary>Gets the sort key.</summary>
    public SnapshotSort Sort { get; init; } = SnapshotSort.Rank;

    /// <summary>Gets the order: <see langword="null"/> for the sort's default (<see cref="SnapshotSort"/>).</summary>
    public bool? Descending { get; init; }

    /// <summary>Gets how many matching repositories to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Gets how many to return at most (1 to <see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Filters, sorts and pages <paramref name="repositories"/>; ties keep rank order.</summary>
    /// <param name="repositories">A snapshot's repositories.</param>
    /// <param name="groupBy">The report's grouping, which <see cref="Group"/> names a group of.</param>
    /// <returns>The page, and how many matched before paging.</returns>
    public SnapshotPage Apply(IReadOnlyList<SnapshotRepository> repositories, GroupBy groupBy)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var matching = repositories.Where(r => InGroup(r, groupBy) && Matches(r)).ToList();
        var descending = Descending ?? Sort is SnapshotSort.Stars or SnapshotSort.Gained or SnapshotSort.Created;
        IOrderedEnumerable<SnapshotRepository> sorted = Sort switch
        {
            SnapshotSort.Stars => Order(matching, r => r.Stars, descending),
            SnapshotSort.Gained => Order(matching.OrderBy(r => r.Movement is null), r => r.Movement?.Gained ?? 0, descending),
            SnapshotSort.Name => descending
                ? matching.OrderByDescending(r => r.FullName, StringComparer.OrdinalIgnoreCase)
                : matching.OrderBy(r => r.FullName, StringComparer.OrdinalIgnoreCase),
            SnapshotSort.Created => Order(matching, r => r.CreatedAt, descending),
            _ => Order(matching, r => r.Rank, descending),
        };
        return new SnapshotPage([.. sorted.ThenBy(r => r.Rank).Skip(Offset).Take(Limit)], matching.Count);
    }

    private static IOrderedEnumerable<SnapshotRepository> Order<TKey>(IEnumerable<SnapshotRepository> source, Func<SnapshotRepository, TKey> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    private static IOrderedEnumerable<SnapshotRepository> Order<TKey>(IOrderedEnumerable<SnapshotRepository> source, Func<SnapshotRepository, TKey> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);

    private bool InGroup(SnapshotRepository repository, GroupBy groupBy) =>
        Group is null || RepositoryGrouper.GroupNames(repository.Language, repository.Topics, groupBy).Contains(Group, StringComparer.OrdinalIgnoreCase);

    private bool Matches(SnapshotRepository repository) =>
        Search is null
        || repository.FullName.Contains(Search, StringComparison.OrdinalIgnoreCase)
        || (repository.Description?.Contains(Search, StringComparison.OrdinalIgnoreCase) ?? false)
        || repository.Topics.Any(t => t.Contains(Search, StringComparison.OrdinalIgnoreCase));
}
