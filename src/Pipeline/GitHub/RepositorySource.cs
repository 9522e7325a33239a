namespace HotRepos.GitHub;

/// <summary>Where report pages come from.</summary>
public enum RepositorySource
{
    /// <summary>The GitHub Search API at <see cref="GitHubOptions.BaseUrl"/>.</summary>
    GitHub,

    /// <summary>The offline snapshot shipped with HotRepos, answered through the same HTTP client and parser.</summary>
    Sample,
}
