namespace HotRepos.Reports;

/// <summary>One page of a report's repositories.</summary>
/// <param name="Items">The repositories of the page, in order.</param>
/// <param name="Total">How many matched the filters, before paging.</param>
public sealed record SnapshotPage(IReadOnlyList<SnapshotRepository> Items, int Total);
