using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.Jobs;

/// <summary>
/// Keeps the newest <see cref="JobsOptions.Retention"/> finished jobs, removing older ones and the files no kept job
/// uses, and the snapshots of the last <see cref="JobsOptions.SnapshotRetentionDays"/> days, removing older ones.
/// </summary>
internal sealed class JobRetention(IJobStore store, IOptions<JobsOptions> options, TimeProvider timeProvider, ILogger<JobRetention> logger)
{
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await PruneSnapshotsAsync(cancellationToken);
        await PruneJobsAsync(cancellationToken);
    }

    private async Task PruneSnapshotsAsync(CancellationToken cancellationToken)
    {
        // Snapshots are kept by age, not with their job: the history outlives the job list and its files.
        if (store is not IRepositorySnapshots snapshots)
        {
            return;
        }

        var before = timeProvider.GetUtcNow() - TimeSpan.FromDays(options.Value.SnapshotRetentionDays);
        var removed = await snapshots.DeleteSnapshotsBeforeAsync(before, cancellationToken);
        if (removed > 0)
        {
            Log.SnapshotsPruned(logger, removed, before);
        }
    }

    private async Task PruneJobsAsync(CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(null, int.MaxValue, cancellationToken);
        var finished = all.Where(j => j.State.IsFinal()).ToList();
        var expired = finished.Skip(options.Value.Retention).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        await store.DeleteAsync(expired.Select(j => j.Id).ToList(), cancellationToken);

        // Identical reports share one file: delete it only when no kept job points at it.
        var kept = all.Except(expired).Select(j => j.Result?.FilePath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var files = 0;
        foreach (var path in expired.Select(j => j.Result?.FilePath).OfType<string>().Distinct(StringComparer.Ordinal).Where(p => !kept.Contains(p)))
        {
            if (File.Exists(path))
            {
                File.Delete(path);
                files++;
            }
        }

        Log.Pruned(logger, expired.Count, files);
    }
}
