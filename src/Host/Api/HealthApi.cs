using HotRepos.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotRepos.Host.Api;

/// <summary><c>/healthz</c>: 200 when the job store answers and the worker runs, 503 otherwise.</summary>
internal static class HealthApi
{
    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/healthz", CheckAsync).WithName("Health").WithTags("Health").WithSummary("Store and worker health.");

    private static async Task<JsonHttpResult<HealthResponse>> CheckAsync(IJobStore store, IEnumerable<IHostedService> hostedServices, CancellationToken cancellationToken)
    {
        string storeStatus;
        try
        {
            await store.ListAsync(null, 1, cancellationToken);
            storeStatus = "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            storeStatus = "failing: " + ex.Message;
        }

        var worker = hostedServices.OfType<JobWorker>().SingleOrDefault();
        var workerStatus = worker?.ExecuteTask switch
        {
            null => "not started",
            { IsCompleted: false } => "running",
            { IsFaulted: true } task => "stopped: " + task.Exception!.GetBaseException().Message,
            _ => "stopped",
        };

        var healthy = storeStatus == "ok" && workerStatus == "running";
        return TypedResults.Json(
            new HealthResponse(healthy ? "healthy" : "unhealthy", storeStatus, workerStatus),
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
