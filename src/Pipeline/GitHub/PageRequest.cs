namespace HotRepos.GitHub;

/// <summary>One page of one search to fetch.</summary>
/// <param name="Query">GitHub's <c>q</c>.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PerPage">Items per page, at most <see cref="GitHubSearchClient.MaxPerPage"/>.</param>
/// <param name="PageCount">How many pages the report needs as far as known when this page was asked for (for logs).</param>
internal sealed record PageRequest(string Query, int Page, int PerPage, int PageCount)
{
    /// <summary>Gets a value indicating whether the page waits for the rate limit's reset however far away (a queued job's page).</summary>
    public bool WaitForRateLimitReset { get; init; }

    /// <summary>Gets what is told while the page is held for a rate limit: until when, then null once it goes on.</summary>
    public IProgress<DateTimeOffset?>? RateLimitWait { get; init; }
}
