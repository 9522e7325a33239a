using HotRepos.Jobs;

namespace HotRepos.Tests.Jobs;

/// <summary>An in-memory store whose compare-and-sets (updates and completions) a test can intercept; every other member passes straight through.</summary>
internal abstract class InterceptingJobStore : IJobStore
{
    protected InMemoryJobStore Inner { get; } = new();

    public Task AddAsync(JobRecord job, CancellationToken cancellationToken) => Inner.AddAsync(job, cancellationToken);

    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken) => Inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state, int limit, CancellationToken cancellationToken) =>
        Inner.ListAsync(state, limit, cancellationToken);

    public Task<JobRecord?> FindAsync(string requestKey, IReadOnlyCollection<JobState> states, CancellationToken cancellationToken) =>
        Inner.FindAsync(requestKey, states, cancellationToken);

    public Task<bool> TryUpdateAsync(JobRecord updated, JobState expected, CancellationToken cancellationToken) =>
        InterceptAsync(updated, expected, () => Inner.TryUpdateAsync(updated, expected, cancellationToken), cancellationToken);

    public Task<bool> TryCompleteAsync(JobCompletion completion, CancellationToken cancellationToken) =>
        InterceptAsync(completion.Job, completion.Expected, () => Inner.TryCompleteAsync(completion, cancellationToken), cancellationToken);

    /// <summary>Sees every compare-and-set (plain updates and completions alike); <paramref name="apply"/> stores it.</summary>
    protected abstract Task<bool> InterceptAsync(JobRecord updated, JobState expected, Func<Task<bool>> apply, CancellationToken cancellationToken);

    public Task<IReadOnlyList<JobDelivery>> ListDeliveriesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken) =>
        Inner.ListDeliveriesAsync(jobIds, cancellationToken);

    public Task<IReadOnlyList<JobDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Inner.ListDueDeliveriesAsync(now, limit, cancellationToken);

    public Task<bool> TryUpdateDeliveryAsync(JobDelivery updated, int expectedAttempts, CancellationToken cancellationToken) =>
        Inner.TryUpdateDeliveryAsync(updated, expectedAttempts, cancellationToken);

    public Task UpdateProgressAsync(string id, JobProgress progress, CancellationToken cancellationToken) =>
        Inner.UpdateProgressAsync(id, progress, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Inner.DeleteAsync(ids, cancellationToken);

    public Task<DateTimeOffset?> GetLastScheduleRunAsync(string schedule, CancellationToken cancellationToken) =>
        Inner.GetLastScheduleRunAsync(schedule, cancellationToken);

    public Task<bool> TryRecordScheduleRunAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        Inner.TryRecordScheduleRunAsync(schedule, due, cancellationToken);

    public Task<DateTimeOffset?> GetScheduleBaselineAsync(string schedule, CancellationToken cancellationToken) =>
        Inner.GetScheduleBaselineAsync(schedule, cancellationToken);

    public Task<bool> TryRecordScheduleBaselineAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        Inner.TryRecordScheduleBaselineAsync(schedule, due, cancellationToken);
}
