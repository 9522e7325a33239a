namespace HotRepos.GitHub;

/// <summary>A repository as returned by the GitHub Search API, reduced to the fields HotRepos uses.</summary>
/// <param name="Id">GitHub's numeric repository id: stable across renames, used to remove duplicates.</param>
/// <param name="FullName">The <c>owner/name</c> of the repository.</param>
/// <param name="HtmlUrl">The repository's page on GitHub.</param>
/// <param name="Description">The description, or <see langword="null"/> when it has none.</param>
/// <param name="Language">The primary language, or <see langword="null"/> when GitHub detected none.</param>
/// <param name="Stars">The stargazer count.</param>
/// <param name="Forks">The fork count.</param>
/// <param name="OpenIssues">The open issue (and pull request) count.</param>
/// <param name="Topics">The repository's topics; empty when it has none.</param>
/// <param name="CreatedAt">When the repository was created (UTC).</param>
/// <param name="PushedAt">When anything was last pushed (UTC).</param>
/// <param name="OwnerLogin">The owner's login, or <see langword="null"/> when GitHub sent no owner.</param>
/// <param name="LicenseSpdxId">The license's SPDX id, or <see langword="null"/> when there is none.</param>
/// <param name="Archived">Whether the repository is archived.</param>
/// <param name="Fork">Whether the repository is a fork.</param>
public sealed record GitHubRepository(
    long Id,
    string FullName,
    string HtmlUrl,
    string? Description,
    string? Language,
    int Stars,
    int Forks,
    int OpenIssues,
    IReadOnlyList<string> Topics,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PushedAt,
    string? OwnerLogin,
    string? LicenseSpdxId,
    bool Archived,
    bool Fork);
