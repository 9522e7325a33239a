namespace HotRepos.Requests;

/// <summary>
/// The fields of a report request as text, the way a command line, an HTTP body or a schedule carries them: every
/// edge binds to this (the HTTP body derives from it) and <see cref="Reports.ReportPlan.TryCreate"/> turns it into a plan.
/// </summary>
public record ReportRequestInput
{
    /// <summary>Gets <c>day</c>, <c>week</c> or <c>month</c>.</summary>
    public string? Period { get; init; }

    /// <summary>Gets an explicit first creation date, <c>yyyy-MM-dd</c>.</summary>
    public string? Since { get; init; }

    /// <summary>Gets the reference date, <c>yyyy-MM-dd</c>; today (UTC) when absent.</summary>
    public string? Date { get; init; }

    /// <summary>Gets the number of repositories, 1 to 10000.</summary>
    public int? Top { get; init; }

    /// <summary>Gets <c>language</c> or <c>topic</c>.</summary>
    public string? GroupBy { get; init; }

    /// <summary>Gets <c>grouped</c> or <c>ranked</c>.</summary>
    public string? Layout { get; init; }

    /// <summary>Gets the language filter.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the topic filter.</summary>
    public string? Topic { get; init; }

    /// <summary>Gets the minimum star count.</summary>
    public int? MinStars { get; init; }
}
