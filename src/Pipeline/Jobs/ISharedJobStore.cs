namespace HotRepos.Jobs;

/// <summary>
/// A job store that several processes share (PostgreSQL). A process that starts a job holds a lease on it, renews it
/// while the job runs, and only the holder may store the job's end; a job whose lease expired (its process died) is
/// queued again by any process. A single-process store (SQLite, memory) needs none of this: its one worker is the only
/// one that runs jobs, and the next start queues again what a crash left running.
/// </summary>
internal interface ISharedJobStore : IJobStore
{
    /// <summary>Extends this process's lease on a running job; <see langword="false"/> when it no longer holds it.</summary>
    Task<bool> TryRenewLeaseAsync(string id, CancellationToken cancellationToken);

    /// <summary>Queues again every running job whose lease expired, as the next attempt; returns how many.</summary>
    Task<int> RequeueExpiredAsync(CancellationToken cancellationToken);

    /// <summary>Waits until a job is queued by any process (<see langword="true"/>), or <paramref name="timeout"/> passed.</summary>
    Task<bool> WaitForQueuedAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Gets the CSV stored with a succeeded job, for a process that does not have the file on its disk.</summary>
    /// <returns>The bytes, or <see langword="null"/> when none is stored.</returns>
    Task<byte[]?> GetReportFileAsync(string id, CancellationToken cancellationToken);

    /// <summary>Gets whether a CSV is stored with the job, without reading it.</summary>
    Task<bool> HasReportFileAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a lock on one report key across all processes, held until the result is disposed: enqueueing looks for
    /// an identical job and adds one under it, so two instances cannot both add one.
    /// </summary>
    Task<IAsyncDisposable> LockReportAsync(string requestKey, CancellationToken cancellationToken);
}
