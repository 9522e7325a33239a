using HotRepos.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.Scheduling;

/// <summary>
/// Queues scheduled reports. A <see cref="PeriodicTimer"/> on <see cref="TimeProvider"/> looks every
/// <see cref="SchedulerOptions.SchedulerTick"/> for schedules whose due time has passed since their last run.
/// However many runs were missed while the host was down, one is made up; the store remembers each schedule's
/// last due time, so a due time is never queued twice, even across restarts. A schedule seen for the first time gets
/// a baseline instead (its latest due time, not made up), which the store keeps apart from runs.
/// </summary>
internal sealed class ReportScheduler(
    IReportJobs jobs,
    IJobStore store,
    IOptions<SchedulerOptions> options,
    TimeProvider timeProvider,
    ILogger<ReportScheduler> logger) : BackgroundService
{
    private readonly List<ReportSchedule> _schedules = options.Value.Schedules
        .Where(s => s.Value.Enabled)
        .Select(s => ReportSchedule.Parse(s.Key, s.Value))
        .ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerTick, timeProvider);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues every schedule that is due; one failing schedule does not stop the others.</summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        foreach (var schedule in _schedules)
        {
            try
            {
                await RunIfDueAsync(schedule, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Log.ScheduleFailed(logger, ex, schedule.Name);
            }
        }
    }

    private async Task RunIfDueAsync(ReportSchedule schedule, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lastRun = await store.GetLastScheduleRunAsync(schedule.Name, cancellationToken)
            ?? await store.GetScheduleBaselineAsync(schedule.Name, cancellationToken);
        if (lastRun is null)
        {
            // First sight of this schedule: nothing was missed yet. Its first run is its next due time. The baseline
            // is kept apart from runs, so no one is told it ran.
            if (schedule.LatestDue(now.AddYears(-1), now) is { } baseline)
            {
                await store.TryRecordScheduleBaselineAsync(schedule.Name, baseline, cancellationToken);
            }

            return;
        }

        if (schedule.LatestDue(lastRun.Value, now) is not { } due)
        {
            return;
        }

        // Queue first, then record: if the queue is full nothing is recorded and the next tick tries again. A crash
        // in between queues the same request again at restart, which enqueue answers with the existing job.
        var request = schedule.Options.ToRequest(DateOnly.FromDateTime(due.UtcDateTime));
        try
        {
            var queued = await jobs.EnqueueAsync(request, JobOrigins.Schedule(schedule.Name), force: false, cancellationToken);
            await store.TryRecordScheduleRunAsync(schedule.Name, due, cancellationToken);
            Log.ScheduleQueued(logger, schedule.Name, due, queued.Job.Id, queued.Outcome);
        }
        catch (QueueFullException)
        {
            Log.ScheduleQueueFull(logger, schedule.Name, due);
        }
    }
}
