using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HotRepos.Sample;

/// <summary>The validated parameters of <c>GET /search/repositories</c>.</summary>
internal sealed record SearchRequest(string Q, SearchQuery Query, SearchSort Sort, bool Ascending, int PerPage, int Page)
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 100;
    public const int MaxResults = 1000;

    public int Offset => (Page - 1) * PerPage;

    /// <summary>
    /// Validates the raw parameters like GitHub: a missing or malformed <c>q</c> and a page starting at or past
    /// the 1,000th result are 422s; a bad <c>per_page</c>/<c>page</c> falls back to its default; <c>per_page</c>
    /// above 100 is served as 100; <c>order</c> is ignored without <c>sort</c>.
    /// </summary>
    public static bool TryParse(
        string? q, string? sort, string? order, string? perPage, string? page,
        [NotNullWhen(true)] out SearchRequest? request, [NotNullWhen(false)] out GitHubError? error)
    {
        request = null;
        if (string.IsNullOrWhiteSpace(q))
        {
            error = GitHubError.ValidationFailed("The q parameter is missing or empty.", "missing");
            return false;
        }

        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(q);
        }
        catch (SearchQueryException ex)
        {
            error = GitHubError.ValidationFailed(ex.Message);
            return false;
        }

        var searchSort = sort?.ToLowerInvariant() switch
        {
            "stars" => SearchSort.Stars,
            "forks" => SearchSort.Forks,
            "updated" => SearchSort.Updated,
            _ => SearchSort.BestMatch,
        };
        var ascending = searchSort != SearchSort.BestMatch && string.Equals(order, "asc", StringComparison.OrdinalIgnoreCase);
        var size = ParsePositive(perPage) ?? DefaultPerPage;
        size = Math.Min(size, MaxPerPage);
        var number = ParsePositive(page) ?? 1;

        if ((long)(number - 1) * size >= MaxResults)
        {
            error = GitHubError.ResultCap();
            return false;
        }

        request = new SearchRequest(q, query, searchSort, ascending, size, number);
        error = null;
        return true;
    }

    private static int? ParsePositive(string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
