namespace HotRepos.Jobs;

/// <summary>Where a report job is in its life, named in the past tense. Only the job worker moves a job out of <see cref="Queued"/>.</summary>
public enum JobState
{
    /// <summary>Waiting for the worker.</summary>
    Queued,

    /// <summary>Being fetched and written.</summary>
    Running,

    /// <summary>Done: its CSV file is ready.</summary>
    Succeeded,

    /// <summary>Ended without a file; <see cref="JobRecord.Error"/> says why.</summary>
    Failed,

    /// <summary>Stopped on request before it finished.</summary>
    Cancelled,
}
