using System.Net;

namespace HotRepos.GitHub;

/// <summary>
/// GitHub's documented retry rules for one answer: 5xx and 408 are transient; for 403/429, <c>Retry-After</c>
/// means a secondary limit (wait that long), <c>X-RateLimit-Remaining: 0</c> the primary limit (wait for the
/// reset, if soon enough), and a rate-limit message without either a secondary limit (back off from a minute).
/// 400, 401, 404, 422 and any other 403 are final.
/// </summary>
internal static class GitHubRetryClassifier
{
    public static async Task<RetryDecision> ClassifyAsync(
        HttpResponseMessage response,
        DateTimeOffset now,
        GitHubOptions options,
        int secondaryStreak,
        CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var retryAfter = RetryAfter(response);
        if (status is HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
        {
            return new RetryDecision(true, RetryReason.ServerError, retryAfter);
        }

        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return RetryDecision.None;
        }

        if (retryAfter is not null)
        {
            return new RetryDecision(true, RetryReason.SecondaryRateLimit, retryAfter);
        }

        if (RateLimitInfo.FromHeaders(response.Headers) is { Remaining: 0 } rateLimit)
        {
            var wait = rateLimit.Reset + options.RateLimitResetSkew - now;
            return new RetryDecision(wait <= options.MaxRateLimitWait, RetryReason.PrimaryRateLimit, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }

        if (status == HttpStatusCode.TooManyRequests || await MentionsRateLimitAsync(response, cancellationToken))
        {
            var backoff = options.SecondaryRateLimitBackoff * Math.Pow(2, Math.Min(secondaryStreak, 6));
            return new RetryDecision(true, RetryReason.SecondaryRateLimit, backoff);
        }

        return RetryDecision.None;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && response.Headers.Date is { } sent)
        {
            return date > sent ? date - sent : TimeSpan.Zero;
        }

        return null;
    }

    private static async Task<bool> MentionsRateLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Error bodies are small; buffering keeps them readable for the error message later.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains("rate limit", StringComparison.OrdinalIgnoreCase);
    }
}
