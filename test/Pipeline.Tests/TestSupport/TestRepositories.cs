using HotRepos.GitHub;
using HotRepos.Ranking;

namespace HotRepos.Tests.TestSupport;

/// <summary>Repositories for tests: a plain baseline that each test changes with <c>with</c>.</summary>
internal static class TestRepositories
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 21, 8, 30, 0, TimeSpan.Zero);

    public static GitHubRepository Create(long id, string? language = "Rust", params string[] topics) => new(
        Id: id,
        FullName: $"owner{id}/repo{id}",
        HtmlUrl: $"https://github.com/owner{id}/repo{id}",
        Description: $"Repository {id}",
        Language: language,
        Stars: 1000 - (int)id,
        Forks: 10 + (int)id,
        OpenIssues: (int)id,
        Topics: topics,
        CreatedAt: CreatedAt,
        PushedAt: CreatedAt.AddDays(1),
        OwnerLogin: $"owner{id}",
        LicenseSpdxId: "MIT",
        Archived: false,
        Fork: false);

    /// <summary>Ranks the repositories 1, 2, 3 ... in the order given.</summary>
    public static List<RankedRepository> Ranked(params GitHubRepository[] repositories) =>
        repositories.Select((repository, index) => new RankedRepository(index + 1, repository)).ToList();
}
