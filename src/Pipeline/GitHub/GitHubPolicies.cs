using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Extensions.Http;

namespace HotRepos.GitHub;

/// <summary>
/// Every retry and timeout rule for GitHub in one place (Polly v7, as Microsoft.Extensions.Http.Polly uses).
/// The handler policy sees each HTTP attempt up to its headers; the page policy wraps a whole attempt,
/// body and parse included, because a streamed body is read after the handler pipeline has returned.
/// </summary>
internal static class GitHubPolicies
{
    /// <summary>Retries answers that failed before their body: connection errors, 5xx and 408.</summary>
    public static IAsyncPolicy<HttpResponseMessage> HandlerRetry(IServiceProvider services, HttpRequestMessage request)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        return HttpPolicyExtensions
            .HandleTransientHttpError()
            .WaitAndRetryAsync(options.RetryCount, attempt => Backoff(options.RetryBaseDelay, attempt));
    }

    /// <summary>Retries a page whose body broke off or was not valid JSON.</summary>
    public static IAsyncPolicy PageRetry(GitHubOptions options) =>
        Policy
            .Handle<GitHubApiException>(ex => ex.Kind is GitHubErrorKind.InvalidResponse or GitHubErrorKind.BrokenBody or GitHubErrorKind.Timeout)
            .WaitAndRetryAsync(options.RetryCount, attempt => Backoff(options.RetryBaseDelay, attempt));

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
}
