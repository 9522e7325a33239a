using HotRepos.Export;
using HotRepos.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HotRepos.Requests;

namespace HotRepos.Jobs;

/// <summary>
/// Runs queued jobs, up to <see cref="JobsOptions.MaxConcurrentJobs"/> at once. On start it resumes what a crash
/// left behind (running jobs restart with attempt + 1); on shutdown it cancels running jobs and puts them back in
/// the queue. A failing job never stops the loop.
/// </summary>
internal sealed class JobWorker(
    JobQueue queue,
    IJobStore store,
    RunningJobs running,
    JobRetention retention,
    IJobDeliveryPlanner deliveries,
    IServiceScopeFactory scopes,
    IOptions<JobsOptions> options,
    IOptions<ReportsOptions> reportsOptions,
    TimeProvider timeProvider,
    ILogger<JobWorker> logger) : BackgroundService
{
    // About 3.5 s in all: long enough for a busy or briefly full disk, short enough not to hold a job slot.
    private static readonly TimeSpan[] FinalWriteRetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Running jobs are put back in the queue before this worker takes any job, so it never mistakes one of
        // its own running jobs for a leftover of a crash.
        var unfinished = await RecoverAsync(stoppingToken);
        var requeue = RequeueAsync(unfinished, stoppingToken);
        var feed = store is ISharedJobStore shared ? FeedAsync(shared, stoppingToken) : Task.CompletedTask;
        try
        {
            await Parallel.ForEachAsync(
                queue.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentJobs, CancellationToken = stoppingToken },
                async (id, _) => await RunSafelyAsync(id, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: running jobs have been put back in the queue.
        }

        await Task.WhenAny(Task.WhenAll(requeue, feed));
    }

    /// <summary>
    /// With a store shared by several instances: takes jobs queued elsewhere and jobs whose instance died (their lease
    /// expired) into this process's queue, when woken by a notification or every <see cref="JobsOptions.PollInterval"/>.
    /// Several instances may hand the same job to their workers; the first to take it runs it, the others skip it.
    /// </summary>
    private async Task FeedAsync(ISharedJobStore shared, CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await shared.RequeueExpiredAsync(stoppingToken) is var expired and > 0)
                {
                    Log.LeasesExpired(logger, expired);
                }

                var queued = await store.ListAsync(JobState.Queued, options.Value.QueueCapacity, stoppingToken);
                for (var i = queued.Count - 1; i >= 0; i--)
                {
                    await queue.RequeueAsync(queued[i].Id, stoppingToken);
                }

                await shared.WaitForQueuedAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.WorkerError(logger, ex, "(shared queue)");
                try
                {
                    await Task.Delay(interval, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>What a crash left: temp files deleted, running jobs back to queued; returns every unfinished job, oldest first.</summary>
    private async Task<List<string>> RecoverAsync(CancellationToken stoppingToken)
    {
        try
        {
            AtomicFileWriter.DeleteStaleTempFiles(Path.GetFullPath(reportsOptions.Value.OutputDirectory), timeProvider.GetUtcNow());
            var unfinished = (await store.ListAsync(JobState.Running, int.MaxValue, stoppingToken))
                .Concat(await store.ListAsync(JobState.Queued, int.MaxValue, stoppingToken))
                .OrderBy(j => j.CreatedAt)
                .ToList();
            var resumed = new List<string>();
            foreach (var job in unfinished)
            {
                if (job.State == JobState.Queued
                    || await store.TryUpdateAsync(job with { State = JobState.Queued, StartedAt = null }, JobState.Running, stoppingToken))
                {
                    resumed.Add(job.Id);
                }
            }

            if (resumed.Count > 0)
            {
                Log.Resuming(logger, resumed.Count);
            }

            return resumed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.WorkerError(logger, ex, "(recovery)");
            return [];
        }
    }

    private async Task RequeueAsync(List<string> ids, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var id in ids)
            {
                await queue.RequeueAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunSafelyAsync(string id, CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(id, stoppingToken);
            await retention.PruneAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.WorkerError(logger, ex, id);
        }
    }

    private async Task RunAsync(string id, CancellationToken stoppingToken)
    {
        if (await store.GetAsync(id, stoppingToken) is not { State: JobState.Queued } queued)
        {
            return; // cancelled while it waited, or already taken
        }

        var job = queued with
        {
            State = JobState.Running,
            Attempt = queued.Attempt + 1,
            StartedAt = timeProvider.GetUtcNow(),
            Progress = default,
            Error = null,
        };

        // Reachable by a cancel before the job shows as Running, and until its final state is stored: a cancel
        // landing in between must stop the work, not just relabel a job that goes on to write its file.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        running.Add(id, cancellation);
        try
        {
            if (!await store.TryUpdateAsync(job, JobState.Queued, stoppingToken))
            {
                return;
            }

            Log.JobStarted(logger, id, job.Attempt);
            await using var lease = store is ISharedJobStore shared
                ? new JobLease(shared, id, options.Value.LeaseDuration, cancellation, timeProvider, logger)
                : null;
            await RunStartedAsync(job, lease, cancellation.Token, stoppingToken);
        }
        finally
        {
            running.Remove(id);
        }
    }

    private async Task RunStartedAsync(JobRecord job, JobLease? lease, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        var id = job.Id;
        var progress = new JobProgressWriter(store, running, id);
        JobRecord finished;
        ReportSnapshot? snapshot = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // A job has no caller blocking on it: its pages wait for the rate limit's reset, however far away,
            // instead of failing as a blocking call does beyond GitHubOptions.MaxRateLimitWait.
            var generator = scope.ServiceProvider.GetRequiredService<ReportGenerator>();
            var result = await generator.GenerateAsync(job.Plan, progress, waitForRateLimitReset: true, cancellationToken);
            snapshot = result.Snapshot;
            finished = job with { State = JobState.Succeeded, Result = result with { Snapshot = null }, Progress = new JobProgress(result.PagesFetched, result.PagesFetched) };
            Log.JobSucceeded(logger, id, result.FilePath);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown, not a failure: back to the queue, resumed at the next start.
            await progress.FlushAsync();
            await store.TryUpdateAsync(job with { State = JobState.Queued, StartedAt = null }, JobState.Running, CancellationToken.None);
            Log.JobInterrupted(logger, id);
            return;
        }
        catch (OperationCanceledException) when (lease?.Lost == true)
        {
            // Cancelled from another instance, or taken over by one after this lease expired: not ours to end.
            return;
        }
        catch (OperationCanceledException)
        {
            finished = job with { State = JobState.Cancelled, Progress = progress.Latest, Error = "cancelled on request" };
            Log.JobCancelled(logger, id);
        }
        catch (Exception ex) when (ex is ReportFailedException or ReportRequestException)
        {
            finished = job with { State = JobState.Failed, Progress = progress.Latest, Error = ex.Message };
            Log.JobFailed(logger, id, ex.Message);
        }
        catch (Exception ex)
        {
            finished = job with { State = JobState.Failed, Progress = progress.Latest, Error = $"unexpected error: {ex.Message}" };
            Log.JobFailed(logger, id, finished.Error);
        }

        await progress.FlushAsync();
        if (lease is not null)
        {
            await lease.StopAsync();
        }

        if (await StoreEndAsync(new JobCompletion(finished with { FinishedAt = timeProvider.GetUtcNow() }, JobState.Running) { Snapshot = snapshot }) is false && finished.Result is { } written)
        {
            await DeleteOrphanAsync(job, written.FilePath);
        }
    }

    /// <summary>
    /// Stores a finished job's end, trying again a few times when the store fails. Returns whether it was applied,
    /// or <see langword="null"/> when the store kept failing: the job then stays Running with nobody running it, and
    /// the next identical request (or the next start) runs it again.
    /// </summary>
    private async Task<bool?> StoreEndAsync(JobCompletion completion)
    {
        // Planned once: a retried write stores the same deliveries (same ids), never a second set.
        completion = completion with { Deliveries = deliveries.Plan(completion.Job) };
        var finished = completion.Job;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await store.TryCompleteAsync(completion, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (attempt == FinalWriteRetryDelays.Length)
                {
                    Log.JobEndNotStored(logger, finished.Id, finished.State, ex.Message);
                    return null;
                }

                await Task.Delay(FinalWriteRetryDelays[attempt], timeProvider, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The job was cancelled elsewhere (another process sharing the store) while it wrote its file: remove the
    /// file unless a succeeded job of the same report points at it.
    /// </summary>
    private async Task DeleteOrphanAsync(JobRecord job, string path)
    {
        if (await store.FindAsync(job.RequestKey, [JobState.Succeeded], CancellationToken.None) is null)
        {
            File.Delete(path);
        }
    }
}
