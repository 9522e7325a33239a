using HotRepos.Jobs;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// An in-memory store that holds the worker right after it moves a job from Queued to Running, so a test can act in
/// that window, and tells when the worker then writes the job's final state.
/// </summary>
internal sealed class PausingJobStore : IJobStore
{
    private readonly InMemoryJobStore _inner = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _markedRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JobRecord> _finalWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the worker has marked a job Running (and is now held).</summary>
    public Task MarkedRunning => _markedRunning.Task;

    /// <summary>Completes with the final state the worker tried to write after it was released.</summary>
    public Task<JobRecord> FinalWrite => _finalWrite.Task;

    public void Release() => _release.TrySetResult();

    public Task AddAsync(JobRecord job, CancellationToken cancellationToken) => _inner.AddAsync(job, cancellationToken);

    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken) => _inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state, int limit, CancellationToken cancellationToken) =>
        _inner.ListAsync(state, limit, cancellationToken);

    public Task<JobRecord?> FindAsync(string requestKey, IReadOnlyCollection<JobState> states, CancellationToken cancellationToken) =>
        _inner.FindAsync(requestKey, states, cancellationToken);

    public async Task<bool> TryUpdateAsync(JobRecord updated, JobState expected, CancellationToken cancellationToken)
    {
        var applied = await _inner.TryUpdateAsync(updated, expected, cancellationToken);
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

    public Task UpdateProgressAsync(string id, JobProgress progress, CancellationToken cancellationToken) =>
        _inner.UpdateProgressAsync(id, progress, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => _inner.DeleteAsync(ids, cancellationToken);

    public Task<DateTimeOffset?> GetLastScheduleRunAsync(string schedule, CancellationToken cancellationToken) =>
        _inner.GetLastScheduleRunAsync(schedule, cancellationToken);

    public Task<bool> TryRecordScheduleRunAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        _inner.TryRecordScheduleRunAsync(schedule, due, cancellationToken);

    public Task<DateTimeOffset?> GetScheduleBaselineAsync(string schedule, CancellationToken cancellationToken) =>
        _inner.GetScheduleBaselineAsync(schedule, cancellationToken);

    public Task<bool> TryRecordScheduleBaselineAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        _inner.TryRecordScheduleBaselineAsync(schedule, due, cancellationToken);
}
