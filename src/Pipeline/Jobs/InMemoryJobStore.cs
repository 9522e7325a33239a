using HotRepos.Ranking;
using HotRepos.Reports;

namespace HotRepos.Jobs;

/// <summary>Keeps jobs and snapshots in memory: for embedding and tests. Everything is lost when the process ends.</summary>
internal sealed class InMemoryJobStore : IJobStore, IRepositorySnapshots
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _scheduleRuns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _scheduleBaselines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReportSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobDelivery> _deliveries = new(StringComparer.Ordinal);

    public Task AddAsync(JobRecord job, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_jobs.TryAdd(job.Id, job))
            {
                throw new InvalidOperationException($"Job {job.Id} exists already.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_jobs.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<JobRecord> jobs = _jobs.Values
                .Where(j => state is null || j.State == state)
                .OrderByDescending(j => j.CreatedAt)
                .ThenByDescending(j => j.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return Task.FromResult(jobs);
        }
    }

    public Task<JobRecord?> FindAsync(string requestKey, IReadOnlyCollection<JobState> states, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_jobs.Values
                .Where(j => j.RequestKey == requestKey && states.Contains(j.State))
                .OrderByDescending(j => j.CreatedAt)
                .FirstOrDefault());
        }
    }

    public Task<bool> TryUpdateAsync(JobRecord updated, JobState expected, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(updated.Id, out var current) || current.State != expected)
            {
                return Task.FromResult(false);
            }

            _jobs[updated.Id] = updated;
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryCompleteAsync(JobCompletion completion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var job = completion.Job;
            if (!_jobs.TryGetValue(job.Id, out var current) || current.State != completion.Expected)
            {
                return Task.FromResult(false);
            }

            if (completion.Deliveries.Any(d => _deliveries.ContainsKey(d.Id)))
            {
                throw new InvalidOperationException("A delivery with this id exists already.");
            }

            _jobs[job.Id] = job;
            foreach (var delivery in completion.Deliveries)
            {
                _deliveries.Add(delivery.Id, delivery);
            }

            if (completion.Snapshot is { } snapshot)
            {
                _snapshots[job.Id] = snapshot with { Repositories = [.. snapshot.Repositories.OrderBy(r => r.Rank)] };
            }

            return Task.FromResult(true);
        }
    }

    public Task<ReportSnapshot?> GetSnapshotAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault(jobId));
        }
    }

    public Task<IReadOnlyDictionary<long, StarObservation>> GetLatestBeforeAsync(IReadOnlyCollection<long> ids, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet();
        lock (_gate)
        {
            IReadOnlyDictionary<long, StarObservation> latest = Observations()
                .Where(o => o.ObservedAt < before && wanted.Contains(o.Repository.Id))
                .GroupBy(o => o.Repository.Id)
                .Select(g => g.MaxBy(o => o.ObservedAt))
                .ToDictionary(o => o.Repository.Id, o => new StarObservation(o.ObservedAt, o.Repository.Stars));
            return Task.FromResult(latest);
        }
    }

    public Task<IReadOnlyList<SnapshotRepository>> GetLatestAsync(DateTimeOffset createdSince, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<SnapshotRepository> latest = Observations()
                .Where(o => o.Repository.CreatedAt >= createdSince)
                .GroupBy(o => o.Repository.Id)
                .Select(g => g.MaxBy(o => o.ObservedAt).Repository)
                .ToList();
            return Task.FromResult(latest);
        }
    }

    public Task<RepositoryHistory?> GetHistoryAsync(string fullName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var observations = Observations().ToList();
            var named = observations.Where(o => string.Equals(o.Repository.FullName, fullName, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 0)
            {
                return Task.FromResult<RepositoryHistory?>(null);
            }

            var id = named.MaxBy(o => o.ObservedAt).Repository.Id;
            var mine = observations.Where(o => o.Repository.Id == id).ToList();
            var points = mine.GroupBy(o => o.ObservedAt).OrderBy(g => g.Key).Select(g => new StarObservation(g.Key, g.First().Repository.Stars)).ToList();
            return Task.FromResult<RepositoryHistory?>(new RepositoryHistory(id, mine.MaxBy(o => o.ObservedAt).Repository.FullName, points));
        }
    }

    public Task<int> DeleteSnapshotsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _snapshots.Where(p => p.Value.ObservedAt < before).Select(p => p.Key).ToList();
            foreach (var id in expired)
            {
                _snapshots.Remove(id);
            }

            return Task.FromResult(expired.Count);
        }
    }

    /// <summary>Every repository of every snapshot with its snapshot's time; call under the lock.</summary>
    private IEnumerable<(DateTimeOffset ObservedAt, SnapshotRepository Repository)> Observations() =>
        _snapshots.Values.SelectMany(s => s.Repositories.Select(r => (s.ObservedAt, r)));

    public Task<IReadOnlyList<JobDelivery>> ListDeliveriesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<JobDelivery> deliveries = _deliveries.Values
                .Where(d => jobIds.Contains(d.JobId))
                .OrderBy(d => d.CreatedAt)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(deliveries);
        }
    }

    public Task<IReadOnlyList<JobDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<JobDelivery> due = _deliveries.Values
                .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task<bool> TryUpdateDeliveryAsync(JobDelivery updated, int expectedAttempts, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(updated.Id, out var current) || current.State != DeliveryState.Pending || current.Attempts != expectedAttempts)
            {
                return Task.FromResult(false);
            }

            _deliveries[updated.Id] = updated;
            return Task.FromResult(true);
        }
    }

    public Task UpdateProgressAsync(string id, JobProgress progress, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_jobs.TryGetValue(id, out var current) && current.State == JobState.Running)
            {
                _jobs[id] = current with { Progress = progress };
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _jobs.Remove(id);
            }

            foreach (var delivery in _deliveries.Values.Where(d => ids.Contains(d.JobId)).ToList())
            {
                _deliveries.Remove(delivery.Id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetLastScheduleRunAsync(string schedule, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_scheduleRuns.TryGetValue(schedule, out var due) ? due : (DateTimeOffset?)null);
        }
    }

    public Task<bool> TryRecordScheduleRunAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_scheduleRuns.TryGetValue(schedule, out var last) && last >= due)
            {
                return Task.FromResult(false);
            }

            _scheduleRuns[schedule] = due;
            return Task.FromResult(true);
        }
    }

    public Task<DateTimeOffset?> GetScheduleBaselineAsync(string schedule, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_scheduleBaselines.TryGetValue(schedule, out var due) ? due : (DateTimeOffset?)null);
        }
    }

    public Task<bool> TryRecordScheduleBaselineAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(!_scheduleRuns.ContainsKey(schedule) && _scheduleBaselines.TryAdd(schedule, due));
        }
    }
}
