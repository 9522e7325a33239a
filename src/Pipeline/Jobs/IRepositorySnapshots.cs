using HotRepos.Reports;

namespace HotRepos.Jobs;

/// <summary>
/// The snapshots the job store keeps of succeeded reports: what each report held, and each repository's star history
/// by GitHub's repository id (so a renamed repository keeps its history).
/// </summary>
public interface IRepositorySnapshots : IStarHistory
{
    /// <summary>Gets the snapshot of a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The snapshot in rank order, or <see langword="null"/> when the job has none (not succeeded, or removed by retention).</returns>
    Task<ReportSnapshot?> GetSnapshotAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Gets the latest observation of every repository created at or after <paramref name="createdSince"/>, with its star movement.</summary>
    /// <param name="createdSince">The earliest creation time.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>One entry per repository id, in no particular order.</returns>
    Task<IReadOnlyList<SnapshotRepository>> GetLatestAsync(DateTimeOffset createdSince, CancellationToken cancellationToken);

    /// <summary>Gets the star history of the repository whose latest snapshot under this name (any case) has it.</summary>
    /// <param name="fullName">An <c>owner/name</c>, current or old.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The history, or <see langword="null"/> when no snapshot ever held that name.</returns>
    Task<RepositoryHistory?> GetHistoryAsync(string fullName, CancellationToken cancellationToken);

    /// <summary>Deletes the snapshots observed before <paramref name="before"/> (retention).</summary>
    /// <param name="before">Snapshots observed strictly before this time are deleted.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>How many snapshots were deleted.</returns>
    Task<int> DeleteSnapshotsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
