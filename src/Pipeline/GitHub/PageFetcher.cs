using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HotRepos.GitHub.Resilience;

namespace HotRepos.GitHub;

/// <summary>Fetches one page through the page policy and the process-wide concurrency cap; never throws.</summary>
internal sealed class PageFetcher(
    GitHubSearchClient client,
    AdaptiveFetchLimit limiter,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider,
    ILogger<PageFetcher> logger) : IPageSource
{
    private readonly Polly.IAsyncPolicy<SearchPage> _policy = GitHubPolicies.PageRetry(options.Value, logger);

    public async Task<PageResult> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var page = await _policy.ExecuteAsync(
                ct => limiter.RunAsync(attempt => client.SearchRepositoriesAsync(request.Query, request.Page, request.PerPage, request.WaitForRateLimitReset, request.RateLimitWait, attempt), ct),
                cancellationToken);
            limiter.RecordSuccess();
            var elapsed = timeProvider.GetElapsedTime(started);
            Log.PageFetched(logger, request.Page, request.PageCount, page.Items.Count, page.IncompleteResults ? "200 OK, incomplete results" : "200 OK", (long)elapsed.TotalMilliseconds, page.RateLimit?.Remaining);
            return PageResult.Success(request.Page, page);
        }
        catch (Exception ex)
        {
            // A cancelled page is not worth a warning: the report's caller or its first failed page stopped it.
            if (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.PageFailed(logger, request.Page, request.PageCount, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds, ex.Message);
            }

            return PageResult.Failure(request.Page, ex);
        }
    }
}
