using System.Text.RegularExpressions;

namespace HotRepos.Requests;

/// <summary>What report to produce: which repositories, how many, grouped how, in which CSV layout.</summary>
public sealed partial record ReportRequest
{
    /// <summary>The most repositories a report holds: above GitHub's 1,000 results per search, the report reads star-range slices.</summary>
    public const int MaxTop = 10_000;

    /// <summary>The number of repositories a report holds unless told otherwise.</summary>
    public const int DefaultTop = 500;

    /// <summary>The earliest date a request may name (GitHub opened in 2008): since and date alike.</summary>
    public static readonly DateOnly EarliestDate = new(2008, 1, 1);

    /// <summary>Gets the period to look back over; <see langword="null"/> means <see cref="Requests.Period.Week"/> unless <see cref="Since"/> is set.</summary>
    public Period? Period { get; init; }

    /// <summary>Gets an explicit first creation date (UTC), instead of <see cref="Period"/>: giving both is an error.</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Gets the date the report is for; <see langword="null"/> means today (UTC).</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>Gets how many repositories the report holds, 1 to 10000.</summary>
    public int Top { get; init; } = DefaultTop;

    /// <summary>Gets how the report groups repositories.</summary>
    public GroupBy GroupBy { get; init; } = GroupBy.Language;

    /// <summary>Gets the CSV layout.</summary>
    public CsvLayout Layout { get; init; } = CsvLayout.Grouped;

    /// <summary>Gets an optional language filter (GitHub's <c>language:</c> qualifier).</summary>
    public string? Language { get; init; }

    /// <summary>Gets an optional topic filter (GitHub's <c>topic:</c> qualifier).</summary>
    public string? Topic { get; init; }

    /// <summary>Gets an optional minimum star count (GitHub's <c>stars:&gt;=N</c> qualifier).</summary>
    public int? MinStars { get; init; }

    /// <summary>Checks every field and returns what is wrong, naming the field and what is allowed.</summary>
    /// <param name="today">Today's date (UTC), against which dates are checked.</param>
    /// <returns>The invalid fields; empty when the request is valid.</returns>
    public IReadOnlyList<ReportRequestError> Validate(DateOnly today)
    {
        var errors = new List<ReportRequestError>();
        if (Period is { } period && !Enum.IsDefined(period))
        {
            errors.Add(new("period", "period must be one of day, week, month"));
        }

        if (Top is < 1 or > MaxTop)
        {
            errors.Add(new("top", $"top must be between 1 and {MaxTop}; got {Top}"));
        }

        var reference = ReferenceDate ?? today;
        if (ReferenceDate is { } date && (date > today || date < EarliestDate))
        {
            errors.Add(new("date", $"date must be between {EarliestDate:yyyy-MM-dd} and today ({today:yyyy-MM-dd}); got {date:yyyy-MM-dd}"));
            reference = today;
        }

        if (Since is { } since && (since > reference || since < EarliestDate))
        {
            errors.Add(new("since", $"since must be between {EarliestDate:yyyy-MM-dd} and {reference:yyyy-MM-dd}; got {since:yyyy-MM-dd}"));
        }

        if (Since is not null && Period is not null)
        {
            errors.Add(new("since", "since and period cannot be combined: since starts the window itself (it ends on date), period starts it 1, 7 or 30 days before date; give one of them"));
        }

        if (!Enum.IsDefined(GroupBy))
        {
            errors.Add(new("groupBy", "groupBy must be one of language, topic"));
        }

        if (!Enum.IsDefined(Layout))
        {
            errors.Add(new("layout", "layout must be one of grouped, ranked, summary"));
        }

        if (Language is not null && !LanguagePattern().IsMatch(Language))
        {
            errors.Add(new("language", $"language must be 1 to 50 letters, digits, spaces or + # . - _ ' characters (like rust, C++ or \"Jupyter Notebook\"); got '{Language}'"));
        }

        if (Topic is not null && !TopicPattern().IsMatch(Topic))
        {
            errors.Add(new("topic", $"topic must be 1 to 50 lowercase letters, digits or hyphens, starting with a letter or digit (like machine-learning); got '{Topic}'"));
        }

        if (MinStars is < 0)
        {
            errors.Add(new("minStars", $"minStars must be 0 or more; got {MinStars}"));
        }

        return errors;
    }

    // \z, not $: $ also matches before a trailing line break, which would let "rust\n" into the query.
    [GeneratedRegex(@"^[\p{L}\p{N}+#._'-][\p{L}\p{N} +#._'-]{0,49}\z")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,49}\z")]
    private static partial Regex TopicPattern();
}
