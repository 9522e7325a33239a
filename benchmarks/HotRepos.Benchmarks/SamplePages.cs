using System.Globalization;
using HotRepos.GitHub;
using HotRepos.Sample;

namespace HotRepos.Benchmarks;

/// <summary>
/// Real-shape GitHub search pages (100 items each) written by <see cref="GitHubSearchResponseWriter"/> from the
/// deterministic sample catalog, so every run on every machine parses the same bytes.
/// </summary>
internal static class SamplePages
{
    public const string ApiBase = "https://api.github.com";
    public const int PerPage = 100;

    /// <summary>A fixed "today", so the bytes never depend on the day the benchmarks run.</summary>
    public static readonly DateOnly Today = new(2026, 11, 27);

    /// <summary>Every repository of the 60-day catalog matches; ranked by stars like a report's search.</summary>
    public static readonly string Query = "created:>=" + Today.AddDays(-SampleCatalog.SpanDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTF-8 body of page <paramref name="page"/> (1-based) of the stars-ranked search.</summary>
    public static byte[] PageBytes(int page)
    {
        var pageText = page.ToString(CultureInfo.InvariantCulture);
        if (!SearchRequest.TryParse(Query, "stars", "desc", PerPage.ToString(CultureInfo.InvariantCulture), pageText, out var request, out var error))
        {
            throw new InvalidOperationException(error.Message);
        }

        var ranked = RepositorySearch.Rank(SampleCatalog.Create(Today), request.Query, request.Sort, request.Ascending);
        using var body = new MemoryStream();
        GitHubSearchResponseWriter.WriteSearchResponse(body, ApiBase, ranked.Length, incompleteResults: false, RepositorySearch.Page(ranked, request));
        return body.ToArray();
    }

    /// <summary>The first <paramref name="pages"/> pages as the pipeline sees them after parsing.</summary>
    public static List<IReadOnlyList<GitHubRepository>> ParsedPages(int pages)
    {
        var result = new List<IReadOnlyList<GitHubRepository>>(pages);
        for (var page = 1; page <= pages; page++)
        {
            using var stream = new MemoryStream(PageBytes(page), writable: false);
            result.Add(SearchResponseParser.ParseAsync(stream, page, rateLimit: null, CancellationToken.None).GetAwaiter().GetResult().Items);
        }

        return result;
    }
}
