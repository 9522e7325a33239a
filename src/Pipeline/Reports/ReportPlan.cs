using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using HotRepos.GitHub;
using HotRepos.Requests;

namespace HotRepos.Reports;

/// <summary>
/// A valid request turned into what to fetch and where to write it. Made once, when a report is asked for, and
/// kept with its job: a job resumed after a crash, or shown by the API, uses these values, never a second planning.
/// </summary>
/// <param name="Request">The request, with its reference date fixed.</param>
/// <param name="Period">The period looked back over; <see langword="null"/> when the request gave an explicit since date.</param>
/// <param name="Since">The first creation date the report covers.</param>
/// <param name="Until">The last creation date the report covers: its reference date (both ends are inclusive).</param>
/// <param name="Query">GitHub's <c>q</c>.</param>
/// <param name="PerPage">Repositories asked for per page.</param>
/// <param name="PageCount">Pages the report needs before any top-up.</param>
/// <param name="FileName">The CSV file's name; two reports with the same name are the same report.</param>
public sealed record ReportPlan(
    ReportRequest Request,
    Period? Period,
    DateOnly Since,
    DateOnly Until,
    string Query,
    int PerPage,
    int PageCount,
    string FileName)
{
    /// <summary>Gets how many repositories the report holds.</summary>
    public int Top => Request.Top;

    /// <summary>
    /// Gets how many pages to ask for before GitHub has said how many repositories match. An unfiltered search of new
    /// repositories has far more matches than 1,000, so all its pages go at once (no extra round trip); a filtered
    /// one (language, topic, minimum stars) may match only a handful, so it asks for page 1 first and then for just
    /// the pages its <c>total_count</c> can fill: searches are the scarce resource (10 a minute without a token).
    /// </summary>
    [JsonIgnore]
    public int FirstRoundPages => Request.Language is null && Request.Topic is null && Request.MinStars is null
        ? Math.Min(PageCount, GitHubSearchClient.MaxResults / PerPage)
        : 1;

    /// <summary>Validates <paramref name="request"/> and plans it.</summary>
    /// <param name="request">What to report.</param>
    /// <param name="today">Today's date (UTC): the reference date when the request has none, and the latest date allowed.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ReportRequestException">The request has invalid fields.</exception>
    public static ReportPlan Create(ReportRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate(today);
        return errors.Count == 0 ? Plan(request, today) : throw new ReportRequestException(errors);
    }

    /// <summary>Parses, validates and plans a request given as text: the one step of every edge (HTTP body, command line, schedule).</summary>
    /// <param name="input">The fields as text.</param>
    /// <param name="today">Today's date (UTC).</param>
    /// <param name="errors">Every invalid field, when the result is <see langword="null"/>.</param>
    /// <returns>The plan, or <see langword="null"/> when a field is invalid.</returns>
    public static ReportPlan? TryCreate(ReportRequestInput input, DateOnly today, out IReadOnlyList<ReportRequestError> errors) =>
        ReportRequestParser.TryParse(input, today, out errors) is { } request ? Plan(request, today) : null;

    private static ReportPlan Plan(ReportRequest request, DateOnly today)
    {
        var reference = request.ReferenceDate ?? today;
        var period = request.Period ?? (request.Since is null ? Requests.Period.Week : null);
        var since = request.Since ?? period!.Value.SinceFor(reference);
        var label = period?.ToString().ToLowerInvariant() ?? "since";

        // A report of 40 repositories asks for one page of 40, not 100: less JSON for the same answer.
        var perPage = Math.Min(request.Top, GitHubSearchClient.MaxPerPage);
        var pageCount = (request.Top + perPage - 1) / perPage;
        var query = SearchQueryBuilder.Build(since, reference, request.Language, request.Topic, request.MinStars);

        // Fixed now, so a job queued before midnight and run after it (or resumed after a crash) reports the same days.
        return new ReportPlan(request with { ReferenceDate = reference }, period, since, reference, query, perPage, pageCount, FileNameFor(request, label, since));
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
