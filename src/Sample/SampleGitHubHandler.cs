using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace HotRepos.Sample;

/// <summary>
/// An in-process GitHub: answers <c>GET {any prefix}/search/repositories</c> from the sample catalog of the
/// <paramref name="timeProvider"/>'s UTC date, with GitHub's status codes, bodies and headers, so a normal
/// typed <see cref="HttpClient"/> can run offline (<c>--source sample</c>). Rate limits are reported, never enforced.
/// </summary>
internal sealed class SampleGitHubHandler(TimeProvider timeProvider) : HttpMessageHandler
{
    public const string SearchPath = "/search/repositories";
    public const int RateLimit = 5000;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var now = timeProvider.GetUtcNow();

        if (request.Method != HttpMethod.Get || !uri.AbsolutePath.EndsWith(SearchPath, StringComparison.Ordinal))
        {
            return Task.FromResult(Error(request, GitHubError.NotFound(), now));
        }

        var parameters = QueryString.Parse(uri.Query);
        if (!SearchRequest.TryParse(Get("q"), Get("sort"), Get("order"), Get("per_page"), Get("page"), out var search, out var error))
        {
            return Task.FromResult(Error(request, error, now));
        }

        var catalog = SampleCatalog.Create(DateOnly.FromDateTime(now.UtcDateTime));
        var ranked = RepositorySearch.Rank(catalog, search.Query, search.Sort, search.Ascending);
        var apiBase = uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath[..^SearchPath.Length];

        var body = new MemoryStream(capacity: 8192 + (search.PerPage * 5200));
        GitHubSearchResponseWriter.WriteSearchResponse(body, apiBase, ranked.Length, incompleteResults: false, RepositorySearch.Page(ranked, search));
        body.Position = 0;

        var response = Create(request, HttpStatusCode.OK, body, now);
        if (GitHubLinkHeader.Build(uri, search.Page, RepositorySearch.LastPage(ranked.Length, search.PerPage)) is { } link)
        {
            response.Headers.TryAddWithoutValidation("Link", link);
        }

        return Task.FromResult(response);

        string? Get(string name) => parameters.TryGetValue(name, out var value) ? value : null;
    }

    private static HttpResponseMessage Error(HttpRequestMessage request, GitHubError error, DateTimeOffset now)
        => Create(request, (HttpStatusCode)error.Status, new MemoryStream(GitHubSearchResponseWriter.ErrorBytes(error)), now);

    private static HttpResponseMessage Create(HttpRequestMessage request, HttpStatusCode status, MemoryStream body, DateTimeOffset now)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Headers.ContentLength = body.Length;
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = content };
        var reset = (now.ToUnixTimeSeconds() + 60).ToString(CultureInfo.InvariantCulture);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", RateLimit.ToString(CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", (RateLimit - 1).ToString(CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("X-RateLimit-Used", "1");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", reset);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Resource", "search");
        return response;
    }
}
