using Microsoft.Extensions.Logging;

namespace HotRepos.Jobs;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Job {JobId} queued: {RequestKey} (from {Origin})")]
    public static partial void JobQueued(ILogger logger, string jobId, string requestKey, string origin);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Job {JobId} started, attempt {Attempt}")]
    public static partial void JobStarted(ILogger logger, string jobId, int attempt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Job {JobId} succeeded: {Path}")]
    public static partial void JobSucceeded(ILogger logger, string jobId, string path);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Job {JobId} failed: {Reason}")]
    public static partial void JobFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Job {JobId} cancelled")]
    public static partial void JobCancelled(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Job {JobId} interrupted by shutdown; it resumes at the next start")]
    public static partial void JobInterrupted(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Resuming {Count} unfinished jobs")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Job worker iteration failed for job {JobId}")]
    public static partial void WorkerError(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Retention removed {Jobs} jobs and {Files} files")]
    public static partial void Pruned(ILogger logger, int jobs, int files);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Retention removed {Snapshots} snapshots observed before {Before}")]
    public static partial void SnapshotsPruned(ILogger logger, int snapshots, DateTimeOffset before);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Job {JobId} ended {State}, but the job store could not record it ({Reason}); it runs again on the next identical request or at the next start")]
    public static partial void JobEndNotStored(ILogger logger, string jobId, JobState state, string reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Job {JobId} was Running with nobody running it (its end was never stored); {Action}")]
    public static partial void StaleJob(ILogger logger, string jobId, string action);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Job {JobId} lost its lease (cancelled or taken over by another instance); this instance stops it without storing its end")]
    public static partial void LeaseLost(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Queued {Count} jobs again whose lease expired (their instance stopped)")]
    public static partial void LeasesExpired(ILogger logger, int count);
}
