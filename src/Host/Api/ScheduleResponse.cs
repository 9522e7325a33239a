namespace HotRepos.App.Api;

internal sealed record ScheduleResponse(
    string Name,
    string Cron,
    string TimeZone,
    bool Enabled,
    string? Period,
    int Top,
    string GroupBy,
    string Layout,
    string? Language,
    string? Topic,
    int? MinStars,
    DateTimeOffset? LastRun,
    DateTimeOffset? NextRun);
