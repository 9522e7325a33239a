namespace HotRepos.Jobs;

/// <summary>What <c>IReportJobs.EnqueueAsync</c> did.</summary>
public enum EnqueueOutcome
{
    /// <summary>A new job was queued.</summary>
    Created,

    /// <summary>An identical job is already queued or running: that job is returned.</summary>
    Existing,

    /// <summary>An identical report already succeeded and its file exists: that job is returned, GitHub is not called.</summary>
    Reused,
}
