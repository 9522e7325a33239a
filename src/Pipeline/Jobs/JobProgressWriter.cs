using HotRepos.Reports;

namespace HotRepos.Jobs;

/// <summary>
/// Writes a running job's progress to the store without blocking the pipeline: reports arrive from several
/// fetches at once, one write runs at a time, and only the latest value is written (latest wins). A wait for GitHub's
/// rate limit is no store write: it goes to <see cref="RunningJobs"/>, where readers of the job find it.
/// </summary>
internal sealed class JobProgressWriter(IJobStore store, RunningJobs running, string jobId) : IProgress<ReportProgress>
{
    private readonly Lock _gate = new();
    private JobProgress? _pending;
    private JobProgress _latest;
    private Task _writing = Task.CompletedTask;
    private bool _loopRunning;

    /// <summary>Gets the furthest progress reported so far.</summary>
    public JobProgress Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public void Report(ReportProgress value)
    {
        running.SetWaitingUntil(jobId, value.WaitingUntil);
        lock (_gate)
        {
            var progress = new JobProgress(value.PagesDone, value.PagesTotal);
            if (progress.Done <= _latest.Done && progress.Total <= _latest.Total)
            {
                return; // pages finish out of order; never move backwards
            }

            _latest = new JobProgress(Math.Max(progress.Done, _latest.Done), Math.Max(progress.Total, _latest.Total));
            _pending = _latest;
            // Decided under the lock the loop also exits under, so a value reported as it exits is never lost.
            if (!_loopRunning)
            {
                _loopRunning = true;
                _writing = Task.Run(WriteLoopAsync);
            }
        }
    }

    /// <summary>Waits for the last write, so a finished job's final state is written after its progress.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _writing;
        }
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            JobProgress progress;
            lock (_gate)
            {
                if (_pending is not { } pending)
                {
                    _loopRunning = false;
                    return;
                }

                progress = pending;
                _pending = null;
            }

            // Progress is advisory: a failed write must not fail the report.
            try
            {
                await store.UpdateProgressAsync(jobId, progress, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _ = ex;
            }
        }
    }
}
