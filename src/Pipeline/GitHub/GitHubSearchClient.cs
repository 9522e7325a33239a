using System.Globalization;
using System.Net;
using System.Text.Json;
using HotRepos.GitHub.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace HotRepos.GitHub;

/// <summary>
/// Typed client for <c>GET /search/repositories</c>. One call is one attempt: retries, timeouts and
/// rate limits live in <see cref="GitHubPolicies"/>, around it.
/// </summary>
internal sealed class GitHubSearchClient(HttpClient http, IOptions<GitHubOptions> options, TimeProvider timeProvider)
{
    /// <summary>GitHub serves at most this many items a page.</summary>
    public const int MaxPerPage = 100;

    public async Task<SearchPage> SearchRepositoriesAsync(string query, int page, int perPage, CancellationToken cancellationToken)
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
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new GitHubApiException(GitHubErrorKind.Network, $"connection to GitHub failed for page {page}: {ex.Message}", ex.StatusCode, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new GitHubApiException(GitHubErrorKind.Timeout, $"GitHub did not answer page {page} within {options.Value.RequestTimeout.TotalSeconds:0.###} s", null, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await GitHubErrorTranslator.FromResponseAsync(response, cancellationToken);
            }

            var rateLimit = RateLimitInfo.FromHeaders(response.Headers);

            // The handler pipeline's per-try timeout ended with the headers; the body gets its own.
            using var bodyTimeout = new CancellationTokenSource(options.Value.RequestTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
            SearchResponse parsed;
            try
            {
                parsed = await ReadBodyAsync(response, page, linked.Token);
            }
            catch (OperationCanceledException ex) when (bodyTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new GitHubApiException(GitHubErrorKind.Timeout, $"GitHub did not finish sending page {page} within {options.Value.RequestTimeout.TotalSeconds:0.###} s", response.StatusCode, ex);
            }

            return new SearchPage(parsed.TotalCount, parsed.IncompleteResults, ToRepositories(parsed, page), rateLimit);
        }
    }

    private static async Task<SearchResponse> ReadBodyAsync(HttpResponseMessage response, int page, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(body, GitHubJsonContext.Default.SearchResponse, cancellationToken)
                ?? throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} with a null body", response.StatusCode);
        }
        catch (JsonException ex)
        {
            throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} with malformed JSON ({ex.Message})", response.StatusCode, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new GitHubApiException(GitHubErrorKind.BrokenBody, $"connection to GitHub broke off while reading page {page}: {ex.Message}", response.StatusCode, ex);
        }
    }

    private static List<GitHubRepository> ToRepositories(SearchResponse response, int page)
    {
        var items = response.Items ?? throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} without an items array", HttpStatusCode.OK);
        var repositories = new List<GitHubRepository>(items.Count);
        foreach (var item in items)
        {
            repositories.Add(ToRepository(item, page));
        }

        return repositories;
    }

    private static GitHubRepository ToRepository(RepositoryItem item, int page)
    {
        if (item.Id <= 0 || string.IsNullOrEmpty(item.FullName) || string.IsNullOrEmpty(item.HtmlUrl) || item.CreatedAt is null)
        {
            throw new GitHubApiException(
                GitHubErrorKind.InvalidResponse,
                $"GitHub answered page {page} with an item lacking id, full_name, html_url or created_at (id {item.Id})",
                HttpStatusCode.OK);
        }

        return new GitHubRepository(
            item.Id,
            item.FullName,
            item.HtmlUrl,
            item.Description,
            item.Language,
            item.StargazersCount,
            item.ForksCount,
            item.OpenIssuesCount,
            item.Topics is { Count: > 0 } topics ? topics : [],
            item.CreatedAt.Value.ToUniversalTime(),
            item.PushedAt?.ToUniversalTime(),
            item.Owner?.Login,
            item.License?.SpdxId,
            item.Archived,
            item.Fork);
    }
}
