using HotRepos.Reports;

namespace HotRepos.Jobs;

/// <summary>
/// A job's end as one write: its final record and what is stored with it, in the same transaction, so neither is
/// ever stored without the other.
/// </summary>
/// <param name="Job">The job in its final state.</param>
/// <param name="Expected">The state the job must be in now (compare-and-set).</param>
public sealed record JobCompletion(JobRecord Job, JobState Expected)
{
    /// <summary>Gets the ranked repositories of a succeeded report, kept as the job's snapshot; <see langword="null"/> for none.</summary>
    public ReportSnapshot? Snapshot { get; init; }

    /// <summary>Gets the notifications of this end (the outbox rows), stored only if the end is.</summary>
    public IReadOnlyList<JobDelivery> Deliveries { get; init; } = [];
}
