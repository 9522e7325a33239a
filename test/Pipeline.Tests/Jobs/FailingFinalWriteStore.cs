using HotRepos.Jobs;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// An in-memory store whose writes of a finished job's final state fail, as on a disk that turned read-only: the
/// first job to finish is the victim, and only its first attempt; every other write works.
/// </summary>
internal sealed class FailingFinalWriteStore(int failures = int.MaxValue) : InterceptingJobStore
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _victim;
    private int _remaining = failures;

    /// <summary>Completes with the victim's id when its final write has failed once.</summary>
    public Task<string> FinalWriteFailed => _failed.Task;

    protected override Task<bool> InterceptAsync(JobRecord updated, JobState expected, Func<Task<bool>> apply, CancellationToken cancellationToken)
    {
        if (expected == JobState.Running && updated.State.IsFinal() && updated.Attempt == 1)
        {
            lock (_gate)
            {
                _victim ??= updated.Id;
                if (_victim == updated.Id && _remaining > 0)
                {
                    _remaining--;
                    _failed.TrySetResult(updated.Id);
                    throw new IOException("attempt to write a readonly database (injected)");
                }
            }
        }

        return apply();
    }
}
