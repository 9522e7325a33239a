using System.Globalization;
using System.Text;

namespace HotRepos.Sample;

/// <summary>Builds GitHub's pagination <c>Link</c> header (prev, next, last, first) from the request URL.</summary>
internal static class GitHubLinkHeader
{
    /// <summary>Null when everything fits on one page, as GitHub omits the header then.</summary>
    public static string? Build(Uri requestUri, int page, int lastPage)
    {
        if (page == 1 && lastPage <= 1)
        {
            return null;
        }

        // Keep the caller's parameters verbatim (same encoding, same order) and only swap the page.
        var kept = requestUri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("page=", StringComparison.OrdinalIgnoreCase));
        var prefix = requestUri.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', kept);
        if (!prefix.EndsWith('?'))
        {
            prefix += "&";
        }

        var links = new StringBuilder();
        void Add(int target, string rel)
        {
            if (links.Length > 0)
            {
                links.Append(", ");
            }

            links.Append('<').Append(prefix).Append("page=").Append(target.ToString(CultureInfo.InvariantCulture))
                .Append(">; rel=\"").Append(rel).Append('"');
        }

        if (page > 1)
        {
            Add(Math.Min(page - 1, lastPage), "prev");
        }

        if (page < lastPage)
        {
            Add(page + 1, "next");
            Add(lastPage, "last");
        }

        if (page > 1)
        {
            Add(1, "first");
        }

        return links.ToString();
    }
}
