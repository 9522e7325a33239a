namespace HotRepos.Reports;

/// <summary>A report's ranked repositories as observed at one moment; the job store keeps it with the succeeded job.</summary>
/// <param name="ObservedAt">When the repositories were read (UTC): the time star movement is measured to.</param>
/// <param name="Repositories">The repositories in rank order.</param>
public sealed record ReportSnapshot(DateTimeOffset ObservedAt, IReadOnlyList<SnapshotRepository> Repositories);
