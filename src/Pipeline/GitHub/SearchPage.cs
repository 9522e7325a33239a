using HotRepos.GitHub.Resilience;
namespace HotRepos.GitHub;

/// <summary>One page of search results, in GitHub's rank order.</summary>
internal sealed record SearchPage(
    int TotalCount,
    bool IncompleteResults,
    IReadOnlyList<GitHubRepository> Items,
    RateLimitInfo? RateLimit);
