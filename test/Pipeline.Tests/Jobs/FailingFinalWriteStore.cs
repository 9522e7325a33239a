using HotRepos.Jobs;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// An in-memory store whose writes of a finished job's final state fail, as on a disk that turned read-only: the
/// first job to finish is the victim, and only its first attempt; every other write works.
/// </summary>
internal sealed class FailingFinalWriteStore(int failures = int.MaxValue) : IJobStore
{
    private readonly InMemoryJobStore _inner = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _victim;
    private int _remaining = failures;

    /// <summary>Completes with the victim's id when its final write has failed once.</summary>
    public Task<string> FinalWriteFailed => _failed.Task;

    public Task AddAsync(JobRecord job, CancellationToken cancellationToken) => _inner.AddAsync(job, cancellationToken);

    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken) => _inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state, int limit, CancellationToken cancellationToken) =>
        _inner.ListAsync(state, limit, cancellationToken);

    public Task<JobRecord?> FindAsync(string requestKey, IReadOnlyCollection<JobState> states, CancellationToken cancellationToken) =>
        _inner.FindAsync(requestKey, states, cancellationToken);

    public Task<bool> TryUpdateAsync(JobRecord updated, JobState expected, CancellationToken cancellationToken)
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

        return _inner.TryUpdateAsync(updated, expected, cancellationToken);
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
