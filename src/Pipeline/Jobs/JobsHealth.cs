using Microsoft.Extensions.Hosting;

namespace HotRepos.Jobs;

/// <summary>Checks that the store can be written now (not only read) and looks at the worker's loop.</summary>
internal sealed class JobsHealth(IJobStore store, IEnumerable<IHostedService> hostedServices) : IJobsHealth
{
    public async Task<JobsHealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        string storeStatus;
        try
        {
            await store.CheckWritableAsync(cancellationToken);
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

        return new JobsHealthReport(storeStatus == "ok" && workerStatus == "running", storeStatus, workerStatus);
    }
}
