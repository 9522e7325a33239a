using Microsoft.Extensions.Options;

namespace HotRepos.GitHub.Resilience;

/// <summary>
/// Every HTTP attempt passes the shared <see cref="RateLimitGate"/> before it goes and teaches it the quota after;
/// a request marked with <see cref="RateLimitGate.WaitForResetKey"/> (a queued job's page) waits for any reset.
/// It also decides whether the answer is worth a retry (read by the retry policy around it) and, on a secondary
/// rate limit, pauses all requests and lowers the process's fetch concurrency.
/// </summary>
internal sealed class GitHubRateLimitHandler(
    RateLimitGate gate,
    AdaptiveFetchLimit limiter,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var waitForReset = request.Options.TryGetValue(RateLimitGate.WaitForResetKey, out var waits) && waits;
        request.Options.TryGetValue(RateLimitGate.WaitReportKey, out var waiting);
        var ticket = await gate.WaitAsync(waitForReset, waiting, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            gate.Observe(ticket, response is null ? null : RateLimitInfo.FromHeaders(response.Headers), response?.IsSuccessStatusCode == true);
        }

        var now = timeProvider.GetUtcNow();
        var decision = await GitHubRetryClassifier.ClassifyAsync(response, now, options.Value, gate.SecondaryStreak, waitForReset, cancellationToken);
        request.Options.Set(RetryDecision.OptionsKey, decision);
        if (decision.Reason == RetryReason.SecondaryRateLimit)
        {
            gate.PauseUntil(now + (decision.Delay ?? options.Value.SecondaryRateLimitBackoff));
            limiter.Lower();
        }

        return response;
    }
}
