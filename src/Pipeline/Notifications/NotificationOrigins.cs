using HotRepos.Jobs;

namespace HotRepos.Notifications;

/// <summary>Reads a job's origin text as a <see cref="NotificationOrigin"/>.</summary>
internal static class NotificationOrigins
{
    private static readonly string SchedulePrefix = JobOrigins.Schedule(string.Empty);

    /// <summary>The origin of a job, or <see langword="null"/> for one no filter selects (the CLI, a library call).</summary>
    public static NotificationOrigin? Of(string origin) =>
        origin.StartsWith(SchedulePrefix, StringComparison.Ordinal) ? NotificationOrigin.Schedule
        : origin == JobOrigins.Api ? NotificationOrigin.Api
        : null;
}
