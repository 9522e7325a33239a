using HotRepos.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotRepos.App.Api;

/// <summary><c>/healthz</c>: 200 when the job store answers and the worker runs, 503 otherwise.</summary>
internal static class HealthApi
{
    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/healthz", CheckAsync).WithName("Health").WithTags("Health")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Store and worker health.");

    private static async Task<JsonHttpResult<HealthResponse>> CheckAsync(IJobsHealth health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return TypedResults.Json(
            new HealthResponse(report.Healthy ? "healthy" : "unhealthy", report.Store, report.Worker),
            statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
