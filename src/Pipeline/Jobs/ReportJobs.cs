using System.Security.Cryptography;
using HotRepos.Reports;
using HotRepos.Requests;
using Microsoft.Extensions.Logging;

namespace HotRepos.Jobs;

/// <summary>Queues, finds and cancels report jobs. Only <see cref="JobWorker"/> moves a job out of <see cref="JobState.Queued"/>, except a cancel.</summary>
internal sealed class ReportJobs(
    IJobStore store,
    JobQueue queue,
    RunningJobs running,
    IJobDeliveryPlanner deliveries,
    TimeProvider timeProvider,
    ILogger<ReportJobs> logger) : IReportJobs, IDisposable
{
    private static readonly JobState[] Active = [JobState.Queued, JobState.Running];
    private static readonly JobState[] Done = [JobState.Succeeded];

    // Serializes the look-up-then-add of enqueue, so two identical requests cannot both create a job.
    private readonly SemaphoreSlim _enqueueGate = new(1, 1);

    public Task<EnqueueResult> EnqueueAsync(ReportRequest request, string origin, bool force = false, CancellationToken cancellationToken = default) =>
        EnqueueAsync(ReportPlan.Create(request, DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime)), origin, force, cancellationToken);

    public async Task<EnqueueResult> EnqueueAsync(ReportPlan plan, string origin, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        var key = plan.FileName;

        await _enqueueGate.WaitAsync(cancellationToken);
        try
        {
            // Instances sharing a store look up and add under a lock of the store's: a new job another instance's
            // worker took between our look-up and our insert would escape the store's one-new-job-per-report index.
            await using var sharedLock = store is ISharedJobStore shared ? await shared.LockReportAsync(key, cancellationToken) : null;
            for (var attempt = 1; ; attempt++)
            {
                if (await store.FindAsync(key, Active, cancellationToken) is { } active
                    && await ActiveJobAsync(active, force, cancellationToken) is { } existing)
                {
                    return new EnqueueResult(existing, EnqueueOutcome.Existing);
                }

                if (!force && await store.FindAsync(key, Done, cancellationToken) is { Result: not null } done && await HasCsvAsync(done, cancellationToken))
                {
                    return new EnqueueResult(done, EnqueueOutcome.Reused);
                }

                var job = new JobRecord
                {
                    Id = NewId(),
                    Plan = plan,
                    Origin = origin,
                    CreatedAt = timeProvider.GetUtcNow(),
                };
                try
                {
                    await store.AddAsync(job, cancellationToken);
                }
                catch (Exception ex) when (attempt == 1 && store is ISharedJobStore && ex is not OperationCanceledException)
                {
                    // The gate above is per process: another instance sharing the store queued the same report a moment
                    // ago, and the store's one-new-job-per-report constraint refused this one. Look again: that job
                    // (queued, running or already done) is the answer.
                    continue;
                }

                if (!queue.TryEnqueue(job.Id))
                {
                    await store.DeleteAsync([job.Id], CancellationToken.None);
                    throw new QueueFullException();
                }

                Log.JobQueued(logger, job.Id, key, origin);
                return new EnqueueResult(job, EnqueueOutcome.Created);
            }
        }
        finally
        {
            _enqueueGate.Release();
        }
    }

    /// <summary>
    /// What an identical request gets from a queued or running job of its report, or <see langword="null"/> to go on.
    /// A queued job has not started, so it is a new run even for <c>force</c>. A running job counts only while this
    /// process runs it (one data directory belongs to one process): one left Running by a failed final write or a
    /// crash is queued again, or with <c>force</c> ended as Failed so that a new job runs. A running job that this
    /// process runs is returned, except with <c>force</c>: its pages may predate the request, so a new job is made.
    /// With a store shared by several instances, a job another instance runs holds a lease that the requeue (or the
    /// forced end) below cannot pass: it is returned as it is (with <c>force</c>, a new job is made).
    /// </summary>
    private async Task<JobRecord?> ActiveJobAsync(JobRecord active, bool force, CancellationToken cancellationToken)
    {
        if (active.State == JobState.Queued)
        {
            return active;
        }

        if (running.IsRunning(active.Id))
        {
            return force ? null : active;
        }

        if (force)
        {
            var failed = active with
            {
                State = JobState.Failed,
                FinishedAt = timeProvider.GetUtcNow(),
                Error = "interrupted: the job store could not record how this job ended; a forced request started a new job",
            };
            if (await store.TryCompleteAsync(new JobCompletion(failed, JobState.Running) { Deliveries = deliveries.Plan(failed) }, cancellationToken))
            {
                Log.StaleJob(logger, active.Id, "failed it for a forced request");
            }

            return null;
        }

        var requeued = active with { State = JobState.Queued, StartedAt = null };
        if (!await store.TryUpdateAsync(requeued, JobState.Running, cancellationToken))
        {
            return await store.GetAsync(active.Id, cancellationToken); // it moved on meanwhile: show it as it is now
        }

        if (!queue.TryEnqueue(active.Id))
        {
            await store.TryUpdateAsync(active, JobState.Queued, CancellationToken.None);
            throw new QueueFullException();
        }

        Log.StaleJob(logger, active.Id, "queued it again");
        return requeued;
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        IsJobId(id) && await store.GetAsync(id, cancellationToken) is { } job ? WithRateLimitWait(job) : null;

    public async Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var jobs = await store.ListAsync(state, limit, cancellationToken);
        return jobs.Select(WithRateLimitWait).ToList();
    }

    public Task<IReadOnlyList<JobDelivery>> ListDeliveriesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        return store.ListDeliveriesAsync(jobIds, cancellationToken);
    }

    /// <summary>A running job as stored, plus until when it waits for GitHub's rate limit (only this process knows).</summary>
    private JobRecord WithRateLimitWait(JobRecord job) =>
        job is { State: JobState.Running } && running.WaitingUntil(job.Id) is { } until
            ? job with { Progress = job.Progress with { WaitingUntil = until } }
            : job;

    public async Task<CancelResult> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        // A queued job can start while we look: try twice before concluding.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var job = await GetAsync(id, cancellationToken);
            if (job is null)
            {
                return new CancelResult(CancelOutcome.NotFound, null);
            }

            if (job.State.IsFinal())
            {
                return new CancelResult(CancelOutcome.AlreadyFinished, job);
            }

            if (job.State == JobState.Running && running.TryCancel(id))
            {
                return new CancelResult(CancelOutcome.Cancelling, job);
            }

            var cancelled = job with { State = JobState.Cancelled, FinishedAt = timeProvider.GetUtcNow(), Error = "cancelled on request" };
            if (await store.TryCompleteAsync(new JobCompletion(cancelled, job.State) { Deliveries = deliveries.Plan(cancelled) }, cancellationToken))
            {
                Log.JobCancelled(logger, id);
                return new CancelResult(CancelOutcome.Cancelled, cancelled);
            }
        }

        var now = await GetAsync(id, cancellationToken);
        return new CancelResult(now is null ? CancelOutcome.NotFound : now.State.IsFinal() ? CancelOutcome.AlreadyFinished : CancelOutcome.Cancelling, now);
    }

    public async Task<byte[]?> ReadCsvAsync(JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Result is not { } result)
        {
            return null;
        }

        if (File.Exists(result.FilePath))
        {
            try
            {
                return await File.ReadAllBytesAsync(result.FilePath, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                // removed by retention meanwhile
            }
        }

        return store is ISharedJobStore shared ? await shared.GetReportFileAsync(job.Id, cancellationToken) : null;
    }

    public void Dispose() => _enqueueGate.Dispose();

    private async Task<bool> HasCsvAsync(JobRecord done, CancellationToken cancellationToken) =>
        File.Exists(done.Result!.FilePath)
        || (store is ISharedJobStore shared && await shared.HasReportFileAsync(done.Id, cancellationToken));

    /// <summary>Whether <paramref name="id"/> has the shape of a job id: 32 lowercase hex digits.</summary>
    public static bool IsJobId(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
