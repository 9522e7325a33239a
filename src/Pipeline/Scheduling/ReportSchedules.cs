using HotRepos.Jobs;
using Microsoft.Extensions.Options;

namespace HotRepos.Scheduling;

/// <summary>Reads the schedules from configuration and their last runs from the job store.</summary>
internal sealed class ReportSchedules(IJobStore store, IOptions<SchedulerOptions> options, TimeProvider timeProvider) : IReportSchedules
{
    public async Task<IReadOnlyList<ScheduleInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var schedules = new List<ScheduleInfo>();
        foreach (var (name, schedule) in options.Value.Schedules.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            var lastRun = await store.GetLastScheduleRunAsync(name, cancellationToken);
            schedules.Add(new ScheduleInfo(
                name,
                schedule.Cron,
                schedule.TimeZone,
                schedule.Enabled,
                schedule.ToRequest(DateOnly.FromDateTime(now.UtcDateTime)) with { ReferenceDate = null },
                lastRun,
                schedule.Enabled ? ReportSchedule.Parse(name, schedule).NextAfter(now) : null));
        }

        return schedules;
    }
}
