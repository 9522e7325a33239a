using System.Net;

namespace HotRepos.GitHub.Resilience;

/// <summary>
/// GitHub's documented retry rules for one answer: 5xx and 408 are transient; for 403/429, <c>Retry-After</c>
/// means a secondary limit (wait that long), <c>X-RateLimit-Remaining: 0</c> the primary limit (wait for the
/// reset, if soon enough or the request waits for any reset), and a rate-limit message without either a secondary limit (back off from a minute).
/// 400, 401, 404, 422 and any other 403 are final.
/// </summary>
internal static class GitHubRetryClassifier
{
    /// <summary>Classifies the answer of a request whose caller gives up on a reset beyond <see cref="GitHubOptions.MaxRateLimitWait"/>.</summary>
    public static Task<RetryDecision> ClassifyAsync(
        HttpResponseMessage response,
        DateTimeOffset now,
        GitHubOptions options,
        int secondaryStreak,
        CancellationToken cancellationToken) =>
        ClassifyAsync(response, now, options, secondaryStreak, waitForReset: false, cancellationToken);

    /// <summary>Classifies one answer; with <paramref name="waitForReset"/> an exhausted primary limit is retried however late it resets.</summary>
    public static async Task<RetryDecision> ClassifyAsync(
        HttpResponseMessage response,
        DateTimeOffset now,
        GitHubOptions options,
        int secondaryStreak,
        bool waitForReset,
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

        var rateLimit = RateLimitInfo.FromHeaders(response.Headers);
        var reason = RateLimitReason(status, rateLimit, retryAfter, await ReadBodyAsync(response, cancellationToken));
        if (reason == RetryReason.PrimaryRateLimit)
        {
            var wait = rateLimit!.Reset + options.RateLimitResetSkew - now;
            return new RetryDecision(waitForReset || wait <= options.MaxRateLimitWait, reason, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }

        if (reason == RetryReason.SecondaryRateLimit)
        {
            var backoff = options.SecondaryRateLimitBackoff * Math.Pow(2, Math.Min(secondaryStreak, 6));
            return new RetryDecision(true, reason, retryAfter ?? backoff);
        }

        return RetryDecision.None;
    }

    /// <summary>
    /// Which rate limit a 403/429 answer reports, in GitHub's documented order: <c>Retry-After</c> or the
    /// secondary-limit message, then <c>X-RateLimit-Remaining: 0</c>, then any other rate-limit answer.
    /// The error translator names failures by the same rule, so a retried answer and a reported one agree.
    /// </summary>
    public static RetryReason RateLimitReason(HttpStatusCode status, RateLimitInfo? rateLimit, TimeSpan? retryAfter, string body)
    {
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return RetryReason.None;
        }

        if (retryAfter is not null || body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase))
        {
            return RetryReason.SecondaryRateLimit;
        }

        if (rateLimit is { Remaining: 0 })
        {
            return RetryReason.PrimaryRateLimit;
        }

        return status == HttpStatusCode.TooManyRequests || body.Contains("rate limit", StringComparison.OrdinalIgnoreCase)
            ? RetryReason.SecondaryRateLimit
            : RetryReason.None;
    }

    /// <summary>How long <c>Retry-After</c> asks to wait, as seconds or as a date measured from the answer's <c>Date</c>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
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

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Error bodies are small; buffering keeps them readable for the error message later.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
