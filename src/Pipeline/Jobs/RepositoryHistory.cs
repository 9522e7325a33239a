using HotRepos.Ranking;

namespace HotRepos.Jobs;

/// <summary>A repository's star counts over the snapshots that hold it.</summary>
/// <param name="Id">GitHub's numeric repository id.</param>
/// <param name="FullName">The name of its latest snapshot.</param>
/// <param name="Points">One point per moment it was observed, oldest first.</param>
public sealed record RepositoryHistory(long Id, string FullName, IReadOnlyList<StarObservation> Points);
