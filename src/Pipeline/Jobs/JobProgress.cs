namespace HotRepos.Jobs;

/// <summary>How far a running job has come.</summary>
/// <param name="Done">Pages fetched.</param>
/// <param name="Total">Pages the report needs; 0 until the job starts.</param>
public readonly record struct JobProgress(int Done, int Total)
{
    /// <summary>
    /// Gets until when the running job's pages wait for GitHub's rate limit to reset, or <see langword="null"/> when
    /// they do not. Known to the process that runs the job (<see cref="IReportJobs"/> fills it in); stores do not keep it.
    /// </summary>
    public DateTimeOffset? WaitingUntil { get; init; }
}
