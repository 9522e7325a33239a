namespace HotRepos.Jobs;

/// <summary>Whether the job system can do its work: the store can be written and the worker runs.</summary>
public interface IJobsHealth
{
    /// <summary>Checks the store and the worker.</summary>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>What was found.</returns>
    Task<JobsHealthReport> CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>The job system's health.</summary>
/// <param name="Healthy">Whether the store can be written and the worker runs.</param>
/// <param name="Store"><c>ok</c>, or <c>failing: </c> and why.</param>
/// <param name="Worker"><c>running</c>, <c>not started</c>, or <c>stopped</c> and why.</param>
public sealed record JobsHealthReport(bool Healthy, string Store, string Worker);
