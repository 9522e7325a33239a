using System.ComponentModel.DataAnnotations;

namespace HotRepos.Scheduling;

/// <summary>The schedules (configuration <c>HotRepos:Schedules</c>) and how often the scheduler looks at them.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The configuration section these options bind to; schedules are under <c>HotRepos:Schedules</c>.</summary>
    public const string SectionName = "HotRepos";

    /// <summary>Gets the schedules by name. Configuration adds to them or changes them; <c>Enabled: false</c> switches one off.</summary>
    /// <value>The default value is <c>nightly</c> (a <c>day</c> report at 00:00 UTC) and <c>weekly</c> (a <c>week</c> report on Mondays at 00:00 UTC).</value>
    public Dictionary<string, ScheduleOptions> Schedules { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nightly"] = new ScheduleOptions { Cron = "0 0 * * *", Period = Requests.Period.Day },
        ["weekly"] = new ScheduleOptions { Cron = "0 0 * * 1", Period = Requests.Period.Week },
    };

    /// <summary>Gets or sets how often the scheduler checks for due runs (configuration <c>HotRepos:SchedulerTick</c>).</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromSeconds(30);
}
