namespace HotRepos.Ranking;

/// <summary>The repositories of one language or topic, in rank order.</summary>
/// <param name="Name">The language or topic; <c>unknown</c> or <c>untagged</c> for none.</param>
/// <param name="Repositories">The members, in rank order.</param>
public sealed record RepositoryGroup(string Name, IReadOnlyList<RankedRepository> Repositories);
