namespace HotRepos.Jobs;

/// <summary>What <see cref="IReportJobs.CancelAsync"/> did.</summary>
public enum CancelOutcome
{
    /// <summary>No job has that id.</summary>
    NotFound,

    /// <summary>The job had already finished; nothing changed.</summary>
    AlreadyFinished,

    /// <summary>The job was queued and is now cancelled.</summary>
    Cancelled,

    /// <summary>The job is running; it stops within moments and ends <see cref="JobState.Cancelled"/>.</summary>
    Cancelling,
}
