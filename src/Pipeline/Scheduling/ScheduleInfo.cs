using HotRepos.Requests;

namespace HotRepos.Scheduling;

/// <summary>A schedule as users see it: what it reports, when it last ran and when it runs next.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="Cron">Its cron expression.</param>
/// <param name="TimeZone">The time zone the expression is read in.</param>
/// <param name="Enabled">Whether it runs.</param>
/// <param name="Request">What it reports (its reference date is the run's date).</param>
/// <param name="LastRun">The due time of its last run, if any.</param>
/// <param name="NextRun">Its next due time, if any.</param>
public sealed record ScheduleInfo(
    string Name,
    string Cron,
    string TimeZone,
    bool Enabled,
    ReportRequest Request,
    DateTimeOffset? LastRun,
    DateTimeOffset? NextRun);
