using HotRepos.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotRepos.App.Api;

/// <summary><c>/api/schedules</c>: the schedules with their last and next runs.</summary>
internal static class SchedulesApi
{
    public static RouteHandlerBuilder MapSchedules(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/schedules", ListAsync).WithName("ListSchedules").WithTags("Schedules").RequireApiKey(ApiKeyRequirement.Read).WithSummary("Schedules with their next run times.");

    private static async Task<Ok<IReadOnlyList<ScheduleResponse>>> ListAsync(IReportSchedules schedules, CancellationToken cancellationToken)
    {
        return TypedResults.Ok<IReadOnlyList<ScheduleResponse>>((await schedules.ListAsync(cancellationToken)).Select(s => new ScheduleResponse(
            s.Name,
            s.Cron,
            s.TimeZone,
            s.Enabled,
            s.Request.Period?.ToString().ToLowerInvariant(),
            s.Request.Top,
            s.Request.GroupBy.ToString().ToLowerInvariant(),
            s.Request.Layout.ToString().ToLowerInvariant(),
            s.Request.Language,
            s.Request.Topic,
            s.Request.MinStars,
            s.LastRun,
            s.NextRun)).ToList());
    }
}
