using HotRepos.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.GitHub;

/// <summary>Fetches one page with the page policy, the global concurrency cap and a per-attempt timeout; never throws.</summary>
internal sealed class PageFetcher(
    GitHubSearchClient client,
    FetchConcurrencyLimiter limiter,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider,
    ILogger<PageFetcher> logger)
{
    private readonly Polly.IAsyncPolicy _policy = GitHubPolicies.PageRetry(options.Value);

    public async Task<PageResult> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var page = await _policy.ExecuteAsync(ct => limiter.RunAsync(attemptToken => AttemptAsync(request, attemptToken), ct), cancellationToken);
            var elapsed = timeProvider.GetElapsedTime(started);
            Log.PageFetched(logger, request.Page, request.PageCount, page.Items.Count, page.IncompleteResults ? "200 OK, incomplete results" : "200 OK", (long)elapsed.TotalMilliseconds, page.RateLimit?.Remaining);
            return PageResult.Success(request.Page, page, elapsed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            Log.PageFailed(logger, request.Page, request.PageCount, (long)elapsed.TotalMilliseconds, ex.Message);
            return PageResult.Failure(request.Page, ex, elapsed);
        }
        catch (OperationCanceledException ex)
        {
            return PageResult.Failure(request.Page, ex, timeProvider.GetElapsedTime(started));
        }
    }

    private async Task<SearchPage> AttemptAsync(PageRequest request, CancellationToken cancellationToken)
    {
        // The timeout covers the whole attempt, body included, which a handler-level timeout cannot see.
        using var timeout = new CancellationTokenSource(options.Value.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await client.SearchRepositoriesAsync(request.Query, request.Page, request.PerPage, linked.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GitHubApiException(GitHubErrorKind.Timeout, $"GitHub did not answer page {request.Page} within {options.Value.RequestTimeout.TotalSeconds:0.###} s", null, ex);
        }
    }
}
