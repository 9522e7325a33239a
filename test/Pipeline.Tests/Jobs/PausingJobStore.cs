using HotRepos.Jobs;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// An in-memory store that holds the worker right after it moves a job from Queued to Running, so a test can act in
/// that window, and tells when the worker then writes the job's final state.
/// </summary>
internal sealed class PausingJobStore : InterceptingJobStore
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _markedRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JobRecord> _finalWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the worker has marked a job Running (and is now held).</summary>
    public Task MarkedRunning => _markedRunning.Task;

    /// <summary>Completes with the final state the worker tried to write after it was released.</summary>
    public Task<JobRecord> FinalWrite => _finalWrite.Task;

    public void Release() => _release.TrySetResult();

    protected override async Task<bool> InterceptAsync(JobRecord updated, JobState expected, Func<Task<bool>> apply, CancellationToken cancellationToken)
    {
        var applied = await apply();
        if (expected == JobState.Queued && updated.State == JobState.Running && applied)
        {
            _markedRunning.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }
        else if (expected == JobState.Running && updated.State.IsFinal() && _release.Task.IsCompleted)
        {
            _finalWrite.TrySetResult(updated);
        }

        return applied;
    }
}
