using System.Globalization;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using HotRepos.GitHub.Resilience;

namespace HotRepos.GitHub;

/// <summary>
/// Typed client for <c>GET /search/repositories</c>. One call is one attempt: retries, timeouts and
/// rate limits live in <see cref="GitHubPolicies"/>, around it.
/// </summary>
internal sealed class GitHubSearchClient(HttpClient http, IOptions<GitHubOptions> options, TimeProvider timeProvider)
{
    /// <summary>GitHub serves at most this many items a page.</summary>
    public const int MaxPerPage = 100;

    /// <summary>GitHub serves at most this many results for one search (page 11 of 100 answers 422).</summary>
    public const int MaxResults = 1000;

    public Task<SearchPage> SearchRepositoriesAsync(string query, int page, int perPage, CancellationToken cancellationToken) =>
        SearchRepositoriesAsync(query, page, perPage, waitForRateLimitReset: false, rateLimitWait: null, cancellationToken);

    /// <summary>
    /// Fetches one page; with <paramref name="waitForRateLimitReset"/> it waits for an exhausted quota's reset however
    /// far away, telling <paramref name="rateLimitWait"/> until when while it is held (and null once it goes on).
    /// </summary>
    public async Task<SearchPage> SearchRepositoriesAsync(
        string query, int page, int perPage, bool waitForRateLimitReset, IProgress<DateTimeOffset?>? rateLimitWait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perPage, MaxPerPage);

        // Relative to BaseAddress, which always ends with '/', so an Enterprise ".../api/v3/" prefix is kept.
        var uri = string.Create(
            CultureInfo.InvariantCulture,
            $"search/repositories?q={Uri.EscapeDataString(query)}&sort=stars&order=desc&per_page={perPage}&page={page}");

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Options.Set(RateLimitGate.WaitForResetKey, waitForRateLimitReset);
        if (rateLimitWait is not null)
        {
            request.Options.Set(RateLimitGate.WaitReportKey, rateLimitWait);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new GitHubApiException(
                GitHubErrorKind.Network, TokenRedactor.Redact($"connection to GitHub failed for page {page}: {ex.Message}", options.Value.Token), ex.StatusCode, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new GitHubApiException(GitHubErrorKind.Timeout, $"GitHub did not answer page {page} within {options.Value.RequestTimeout.TotalSeconds:0.###} s", null, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await GitHubErrorTranslator.FromResponseAsync(response, options.Value.Token, cancellationToken);
            }

            var rateLimit = RateLimitInfo.FromHeaders(response.Headers);

            // The handler pipeline's per-try timeout ended with the headers; the body gets its own.
            using var bodyTimeout = new CancellationTokenSource(options.Value.RequestTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
                return await SearchResponseParser.ParseAsync(body, page, rateLimit, linked.Token);
            }
            catch (OperationCanceledException ex) when (bodyTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new GitHubApiException(GitHubErrorKind.Timeout, $"GitHub did not finish sending page {page} within {options.Value.RequestTimeout.TotalSeconds:0.###} s", response.StatusCode, ex);
            }
        }
    }
}
