namespace HotRepos.Jobs;

/// <summary>
/// Where jobs and schedule runs are kept. Every state change is a compare-and-set, so two workers (or a worker
/// and a cancel request) can never both move the same job.
/// </summary>
public interface IJobStore
{
    /// <summary>Adds a new job.</summary>
    /// <param name="job">The job, in <see cref="JobState.Queued"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when the job is stored.</returns>
    Task AddAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>Gets one job.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The job, or <see langword="null"/> when there is none with that id.</returns>
    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Lists jobs, newest first.</summary>
    /// <param name="state">Only jobs in this state, or all when <see langword="null"/>.</param>
    /// <param name="limit">The most jobs to return.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The jobs, newest first.</returns>
    Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state, int limit, CancellationToken cancellationToken);

    /// <summary>Finds the newest job with this key in one of <paramref name="states"/>.</summary>
    /// <param name="requestKey">The report identity.</param>
    /// <param name="states">The states to look in.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The job, or <see langword="null"/>.</returns>
    Task<JobRecord?> FindAsync(string requestKey, IReadOnlyCollection<JobState> states, CancellationToken cancellationToken);

    /// <summary>Replaces a job only if it is still in <paramref name="expected"/> (compare-and-set).</summary>
    /// <param name="updated">The new version of the job (same id).</param>
    /// <param name="expected">The state the job must be in now.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns><see langword="false"/> when the job is missing or in another state; nothing was changed.</returns>
    Task<bool> TryUpdateAsync(JobRecord updated, JobState expected, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a job's end (compare-and-set from <see cref="JobCompletion.Expected"/>) together with everything the
    /// completion carries, in one transaction: all of it or nothing.
    /// </summary>
    /// <param name="completion">The final record and what belongs to it.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns><see langword="false"/> when the job is missing or in another state; nothing was changed.</returns>
    Task<bool> TryCompleteAsync(JobCompletion completion, CancellationToken cancellationToken);

    /// <summary>Lists the notifications of jobs (the outbox rows stored with their ends), oldest first.</summary>
    /// <param name="jobIds">The job ids.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The deliveries of those jobs, in any state.</returns>
    Task<IReadOnlyList<JobDelivery>> ListDeliveriesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken);

    /// <summary>Lists pending deliveries whose next attempt is due, the earliest due first.</summary>
    /// <param name="now">The time now.</param>
    /// <param name="limit">The most deliveries to return.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The due deliveries.</returns>
    Task<IReadOnlyList<JobDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a delivery only if it is still <see cref="DeliveryState.Pending"/> after exactly
    /// <paramref name="expectedAttempts"/> attempts (compare-and-set): a delivered or given-up one never changes again.
    /// </summary>
    /// <param name="updated">The new version of the delivery (same id).</param>
    /// <param name="expectedAttempts">The attempt count it must have now.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns><see langword="false"/> when it is missing, no longer pending or was attempted meanwhile; nothing was changed.</returns>
    Task<bool> TryUpdateDeliveryAsync(JobDelivery updated, int expectedAttempts, CancellationToken cancellationToken);

    /// <summary>Records progress of a running job; ignored once it is no longer running.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="progress">The progress.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task UpdateProgressAsync(string id, JobProgress progress, CancellationToken cancellationToken);

    /// <summary>Deletes jobs and their deliveries.</summary>
    /// <param name="ids">The job ids.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Gets when a schedule last ran (the due time it ran for); a baseline is not a run.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The due time, or <see langword="null"/> when it never ran.</returns>
    Task<DateTimeOffset?> GetLastScheduleRunAsync(string schedule, CancellationToken cancellationToken);

    /// <summary>Records that a schedule ran for <paramref name="due"/>, only if no run at or after that time is recorded.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="due">The due time it runs for.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns><see langword="false"/> when that due time was already taken: do not enqueue again.</returns>
    Task<bool> TryRecordScheduleRunAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken);

    /// <summary>Gets the baseline of a schedule that never ran: the due time it was first seen at, which is not made up.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The baseline, or <see langword="null"/> when there is none.</returns>
    Task<DateTimeOffset?> GetScheduleBaselineAsync(string schedule, CancellationToken cancellationToken);

    /// <summary>Records the baseline of a schedule seen for the first time, only if it has neither a baseline nor a run.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <param name="due">Its latest due time when first seen; nothing at or before it is queued.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns><see langword="false"/> when the schedule had a baseline or a run already.</returns>
    Task<bool> TryRecordScheduleBaselineAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken);

    /// <summary>
    /// Checks that the store can be read and written now, as a new connection would (for health checks): a store
    /// whose file was deleted or turned read-only must fail here, even if connections opened earlier still work.
    /// </summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when the check passed; it throws with the reason when the store cannot be used.</returns>
    Task CheckWritableAsync(CancellationToken cancellationToken) => ListAsync(null, 1, cancellationToken);
}
