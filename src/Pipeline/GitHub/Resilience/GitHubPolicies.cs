using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace HotRepos.GitHub.Resilience;

/// <summary>
/// Every retry and timeout rule for GitHub in one place (Polly v7, as Microsoft.Extensions.Http.Polly uses).
/// <list type="bullet">
/// <item>Around each HTTP attempt, up to its headers: <see cref="HandlerRetry"/> (outermost), then
/// <see cref="GitHubRateLimitHandler"/>, then <see cref="AttemptTimeout"/>.</item>
/// <item>Around a whole page, body and parse included: <see cref="PageRetry"/>. A streamed body is read after the
/// handler pipeline has returned, so cut-off bodies, malformed JSON and incomplete results are retried there.</item>
/// </list>
/// Waits for rate limits are not Polly sleeps: the shared <see cref="RateLimitGate"/> holds every request until
/// GitHub allows it, on <see cref="TimeProvider"/>. Polly v7 sleeps (backoff after 5xx) use the system clock.
/// </summary>
internal static class GitHubPolicies
{
    /// <summary>Retries connection errors, per-try timeouts, 5xx, 408 and rate limits; never 400, 401, 404, 422.</summary>
    public static IAsyncPolicy<HttpResponseMessage> HandlerRetry(IServiceProvider services, HttpRequestMessage request)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GitHubPolicies));
        return Policy<HttpResponseMessage>
            .Handle<HttpRequestException>()
            .Or<TimeoutRejectedException>()
            .OrResult(response => Decision(response).Retry)
            .WaitAndRetryAsync(
                options.RetryCount,
                (attempt, outcome, _) => Delay(outcome, attempt, options),
                (outcome, delay, attempt, _) =>
                {
                    Log.Retrying(logger, TokenRedactor.Redact(Describe(outcome), options.Token), attempt, (long)delay.TotalMilliseconds);
                    outcome.Result?.Dispose();
                    return Task.CompletedTask;
                });
    }

    /// <summary>Bounds one attempt up to its headers; the body has its own timeout in the client.</summary>
    public static IAsyncPolicy<HttpResponseMessage> AttemptTimeout(IServiceProvider services, HttpRequestMessage request) =>
        Policy.TimeoutAsync<HttpResponseMessage>(services.GetRequiredService<IOptions<GitHubOptions>>().Value.RequestTimeout);

    /// <summary>Retries a page whose body broke off, timed out, was not JSON, or that GitHub marked incomplete.</summary>
    public static IAsyncPolicy<SearchPage> PageRetry(GitHubOptions options, ILogger logger) =>
        Policy<SearchPage>
            // Only failures after an answer arrived (they carry its status): a timeout before the headers was
            // already retried by HandlerRetry, and retrying it here too would multiply the attempts.
            .Handle<GitHubApiException>(ex => ex.StatusCode is not null
                && ex.Kind is GitHubErrorKind.InvalidResponse or GitHubErrorKind.BrokenBody or GitHubErrorKind.Timeout)
            .OrResult(page => page.IncompleteResults)
            .WaitAndRetryAsync(
                options.RetryCount,
                attempt => Backoff(options.RetryBaseDelay, attempt),
                (outcome, delay, attempt, _) => Log.Retrying(
                    logger, outcome.Exception?.Message ?? "incomplete results", attempt, (long)delay.TotalMilliseconds));

    /// <summary>Exponential backoff with ±20% jitter so that parallel pages do not retry in lockstep.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, int attempt)
    {
        if (baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(exponential * jitter, TimeSpan.FromMinutes(2).TotalMilliseconds));
    }

    private static RetryDecision Decision(HttpResponseMessage response) =>
        response.RequestMessage?.Options.TryGetValue(RetryDecision.OptionsKey, out var decision) == true ? decision : RetryDecision.None;

    private static TimeSpan Delay(DelegateResult<HttpResponseMessage> outcome, int attempt, GitHubOptions options)
    {
        if (outcome.Result is null)
        {
            return Backoff(options.RetryBaseDelay, attempt);
        }

        var decision = Decision(outcome.Result);
        return decision.Reason switch
        {
            // The gate already holds every request until the window resets or the pause ends.
            RetryReason.PrimaryRateLimit or RetryReason.SecondaryRateLimit => TimeSpan.Zero,
            _ when decision.Delay is { } retryAfter => retryAfter < options.MaxRateLimitWait ? retryAfter : options.MaxRateLimitWait,
            _ => Backoff(options.RetryBaseDelay, attempt),
        };
    }

    private static string Describe(DelegateResult<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.ReasonPhrase}" : outcome.Exception?.Message ?? "failure";
}
