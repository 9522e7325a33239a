namespace HotRepos.GitHub;

/// <summary>Where the report graph's fetch step gets a page: GitHub through <see cref="PageFetcher"/>, or a fake in tests.</summary>
internal interface IPageSource
{
    /// <summary>Fetches one page. Never throws: a failure comes back as <see cref="PageResult.Failure"/>.</summary>
    Task<PageResult> FetchAsync(PageRequest request, CancellationToken cancellationToken);
}
