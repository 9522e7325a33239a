namespace HotRepos.Jobs;

/// <summary>Keeps jobs in memory: for embedding and tests. Everything is lost when the process ends.</summary>
internal sealed class InMemoryJobStore : IJobStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _scheduleRuns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _scheduleBaselines = new(StringComparer.Ordinal);
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

            return Task.FromResult(true);
        }
    }

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
