using System.Globalization;
using System.Text;
using HotRepos.Export;
using HotRepos.GitHub;

namespace HotRepos.Reports;

/// <summary>A validated request turned into what to fetch and where to write it.</summary>
internal sealed record ReportPlan(
    ReportRequest Request,
    DateOnly Since,
    string PeriodLabel,
    string Query,
    int PerPage,
    int PageCount,
    string FileName)
{
    public int Top => Request.Top;

    /// <summary>Resolves dates against <paramref name="today"/>; the request must be valid.</summary>
    public static ReportPlan Create(ReportRequest request, DateOnly today)
    {
        var reference = request.ReferenceDate ?? today;
        var period = request.Period ?? (request.Since is null ? Period.Week : null);
        var since = request.Since ?? period!.Value.SinceFor(reference);
        var label = period?.ToString().ToLowerInvariant() ?? "since";

        // A report of 40 repositories asks for one page of 40, not 100: less JSON for the same answer.
        var perPage = Math.Min(request.Top, GitHubSearchClient.MaxPerPage);
        var pageCount = (request.Top + perPage - 1) / perPage;
        var query = SearchQueryBuilder.Build(since, request.Language, request.Topic, request.MinStars);
        return new ReportPlan(request, since, label, query, perPage, pageCount, FileNameFor(request, label, since));
    }

    /// <summary><c>github-hot-repos-{period}-{since}.csv</c>, plus every setting that is not the default, so different reports never overwrite each other.</summary>
    private static string FileNameFor(ReportRequest request, string label, DateOnly since)
    {
        var name = new StringBuilder("github-hot-repos-")
            .Append(label)
            .Append(CultureInfo.InvariantCulture, $"-{since:yyyy-MM-dd}");
        if (request.GroupBy != GroupBy.Language)
        {
            name.Append('-').Append(request.GroupBy.ToString().ToLowerInvariant());
        }

        if (request.Layout != CsvLayout.Grouped)
        {
            name.Append('-').Append(request.Layout.ToString().ToLowerInvariant());
        }

        if (request.Top != ReportRequest.DefaultTop)
        {
            name.Append(CultureInfo.InvariantCulture, $"-top{request.Top}");
        }

        if (request.Language is not null)
        {
            name.Append("-lang-").Append(Slug(request.Language));
        }

        if (request.Topic is not null)
        {
            name.Append("-topic-").Append(Slug(request.Topic));
        }

        if (request.MinStars is { } stars)
        {
            name.Append(CultureInfo.InvariantCulture, $"-stars{stars}");
        }

        return name.Append(".csv").ToString();
    }

    /// <summary>A file-name-safe form of a filter value: C# → csharp, C++ → cplusplus, "Jupyter Notebook" → jupyter-notebook.</summary>
    private static string Slug(string value)
    {
        var slug = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            slug.Append(c switch
            {
                '#' => "sharp",
                '+' => "plus",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            });
        }

        return slug.ToString();
    }
}
