using Cronos;

namespace HotRepos.Scheduling;

/// <summary>One schedule with its cron expression parsed: answers "when next" and "which run is due".</summary>
internal sealed class ReportSchedule
{
    private readonly CronExpression _cron;
    private readonly TimeZoneInfo _zone;

    private ReportSchedule(string name, ScheduleOptions options, CronExpression cron, TimeZoneInfo zone)
    {
        Name = name;
        Options = options;
        _cron = cron;
        _zone = zone;
    }

    public string Name { get; }

    public ScheduleOptions Options { get; }

    /// <summary>Parses a schedule; the error names the schedule and what is wrong.</summary>
    public static ReportSchedule Parse(string name, ScheduleOptions options)
    {
        if (!CronExpression.TryParse(options.Cron, CronFormat.Standard, out var cron))
        {
            throw new FormatException($"schedule '{name}': '{options.Cron}' is not a 5-field cron expression (minute hour day month weekday, like 0 0 * * *)");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone))
        {
            throw new FormatException($"schedule '{name}': '{options.TimeZone}' is not a known time zone (use an IANA id like UTC or Europe/Paris)");
        }

        return new ReportSchedule(name, options, cron, zone);
    }

    public DateTimeOffset? NextAfter(DateTimeOffset time) => _cron.GetNextOccurrence(time, _zone);

    /// <summary>The latest due time in (<paramref name="after"/>, <paramref name="upTo"/>]: however many runs were missed, one is made up.</summary>
    public DateTimeOffset? LatestDue(DateTimeOffset after, DateTimeOffset upTo)
    {
        DateTimeOffset? latest = null;
        for (var next = NextAfter(after); next is { } due && due <= upTo; next = NextAfter(due))
        {
            latest = due;
        }

        return latest;
    }
}
