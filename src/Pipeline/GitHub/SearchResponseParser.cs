using System.Net;
using System.Text.Json;
using HotRepos.GitHub.Json;
using HotRepos.GitHub.Resilience;

namespace HotRepos.GitHub;

/// <summary>
/// Turns a search body into a <see cref="SearchPage"/>, reading it as a stream with the source-generated context:
/// only the fields reports use are materialized. A body that breaks off or is not GitHub's JSON becomes a
/// <see cref="GitHubApiException"/> that the page policy retries.
/// </summary>
internal static class SearchResponseParser
{
    public static async Task<SearchPage> ParseAsync(Stream body, int page, RateLimitInfo? rateLimit, CancellationToken cancellationToken)
    {
        SearchResponse? parsed;
        try
        {
            parsed = await JsonSerializer.DeserializeAsync(body, GitHubJsonContext.Default.SearchResponse, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} with malformed JSON ({ex.Message})", HttpStatusCode.OK, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new GitHubApiException(GitHubErrorKind.BrokenBody, $"connection to GitHub broke off while reading page {page}: {ex.Message}", HttpStatusCode.OK, ex);
        }

        if (parsed is null)
        {
            throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} with a null body", HttpStatusCode.OK);
        }

        return new SearchPage(parsed.TotalCount, parsed.IncompleteResults, ToRepositories(parsed, page), rateLimit);
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
