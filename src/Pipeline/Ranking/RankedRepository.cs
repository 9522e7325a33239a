using HotRepos.GitHub;

namespace HotRepos.Ranking;

/// <summary>A repository with its 1-based rank in the merged report.</summary>
/// <param name="Rank">1 for the most starred repository of the report.</param>
/// <param name="Repository">The repository.</param>
public sealed record RankedRepository(int Rank, GitHubRepository Repository);
