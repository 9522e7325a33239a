using HotRepos.Ranking;

namespace HotRepos.Reports;

/// <summary>
/// Earlier star counts of repositories, from the snapshots of earlier reports. The job store keeps them
/// (<c>AddHotReposJobs</c>); without one (the CLI) reports have no star movement.
/// </summary>
public interface IStarHistory
{
    /// <summary>Gets, for each repository that has one, its latest observation made before <paramref name="before"/>.</summary>
    /// <param name="ids">GitHub's repository ids.</param>
    /// <param name="before">Only observations made strictly before this time count.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The observations by repository id; repositories never observed before are missing.</returns>
    Task<IReadOnlyDictionary<long, StarObservation>> GetLatestBeforeAsync(IReadOnlyCollection<long> ids, DateTimeOffset before, CancellationToken cancellationToken);
}
