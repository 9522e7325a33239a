using Microsoft.Extensions.Logging;

namespace HotRepos.Jobs;

/// <summary>
/// Keeps this process's lease on one running job of a shared store, renewing it every third of its duration. When the
/// lease is lost (the job was cancelled from another instance, or the lease expired and another instance took the
/// job), it stops the job's work: its end is then no longer ours to store.
/// </summary>
internal sealed class JobLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private volatile bool _lost;

    public JobLease(ISharedJobStore store, string id, TimeSpan duration, CancellationTokenSource work, TimeProvider timeProvider, ILogger logger)
    {
        _renewing = RenewAsync(store, id, duration / 3, work, timeProvider, logger, _stop.Token);
    }

    /// <summary>Gets whether the lease was lost, so the job's work was stopped and its end must not be stored.</summary>
    public bool Lost => _lost;

    /// <summary>Stops renewing: the job's end is about to be stored, which releases the lease.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _renewing;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RenewAsync(ISharedJobStore store, string id, TimeSpan interval, CancellationTokenSource work, TimeProvider timeProvider, ILogger logger, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, timeProvider, stop);
                try
                {
                    if (!await store.TryRenewLeaseAsync(id, stop))
                    {
                        _lost = true;
                        Log.LeaseLost(logger, id);
                        await work.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is briefly unreachable: try again at the next turn, while the lease still runs.
                    Log.WorkerError(logger, ex, id);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
