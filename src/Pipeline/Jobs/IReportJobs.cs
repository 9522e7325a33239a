using HotRepos.Reports;
using HotRepos.Requests;

namespace HotRepos.Jobs;

/// <summary>The job system as embedders and the HTTP API use it: queue reports, follow them, cancel them.</summary>
public interface IReportJobs
{
    /// <summary>Queues a report and returns at once. An identical queued or running job, or (unless <paramref name="force"/>) an identical succeeded report whose file exists, is returned instead of a new job.</summary>
    /// <param name="request">What to report; a missing reference date is fixed to today now.</param>
    /// <param name="origin">Who asks, see <see cref="JobOrigins"/>.</param>
    /// <param name="force">Run again even if an identical report already succeeded.</param>
    /// <param name="cancellationToken">Stops the call (not the job).</param>
    /// <returns>The job and whether it is new.</returns>
    /// <exception cref="ReportRequestException">The request has invalid fields.</exception>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    Task<EnqueueResult> EnqueueAsync(ReportRequest request, string origin, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Queues a report planned before (<see cref="ReportPlan.Create"/> or <see cref="ReportPlan.TryCreate"/>) and returns at once; identical reports are found as for the other overload.</summary>
    /// <param name="plan">What to report, with its dates fixed.</param>
    /// <param name="origin">Who asks, see <see cref="JobOrigins"/>.</param>
    /// <param name="force">Run again even if an identical report already succeeded.</param>
    /// <param name="cancellationToken">Stops the call (not the job).</param>
    /// <returns>The job and whether it is new.</returns>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    Task<EnqueueResult> EnqueueAsync(ReportPlan plan, string origin, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Gets one job.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The job, or <see langword="null"/>.</returns>
    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists jobs, newest first.</summary>
    /// <param name="state">Only this state, or all.</param>
    /// <param name="limit">The most jobs to return.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The jobs.</returns>
    Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state = null, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued or running job.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>What happened, and the job as it is now.</returns>
    Task<CancelResult> CancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a succeeded job's CSV: its file on this machine or, when the store is shared by several instances
    /// (PostgreSQL), the copy stored with the job, so any instance serves any report.
    /// </summary>
    /// <param name="job">A succeeded job.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The CSV, or <see langword="null"/> when it is gone (removed by retention).</returns>
    Task<byte[]?> ReadCsvAsync(JobRecord job, CancellationToken cancellationToken = default);

    /// <summary>Lists the notifications of jobs and their states (pending, delivered, failed with the last error).</summary>
    /// <param name="jobIds">The job ids.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The deliveries, oldest first.</returns>
    Task<IReadOnlyList<JobDelivery>> ListDeliveriesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default);
}
