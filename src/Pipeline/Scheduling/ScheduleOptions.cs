using System.ComponentModel.DataAnnotations;
using HotRepos.Requests;

namespace HotRepos.Scheduling;

/// <summary>One scheduled report (configuration <c>HotRepos:Schedules:NAME</c>): when, and what to report.</summary>
public sealed class ScheduleOptions
{
    /// <summary>Gets or sets a value indicating whether the schedule runs.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets a 5-field cron expression (minute hour day month weekday), such as <c>0 0 * * *</c>.</summary>
    /// <value>There is no default.</value>
    [Required(AllowEmptyStrings = false)]
    public string Cron { get; set; } = string.Empty;

    /// <summary>Gets or sets the IANA time zone the cron expression is read in.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets the period of the report.</summary>
    /// <value>The default value is <see cref="Period.Day"/>.</value>
    public Period Period { get; set; } = Period.Day;

    /// <summary>Gets or sets how many repositories the report holds.</summary>
    /// <value>The default value is 500.</value>
    public int Top { get; set; } = ReportRequest.DefaultTop;

    /// <summary>Gets or sets the grouping.</summary>
    /// <value>The default value is <see cref="GroupBy.Language"/>.</value>
    public GroupBy GroupBy { get; set; } = GroupBy.Language;

    /// <summary>Gets or sets the CSV layout.</summary>
    /// <value>The default value is <see cref="CsvLayout.Grouped"/>.</value>
    public CsvLayout Layout { get; set; } = CsvLayout.Grouped;

    /// <summary>Gets or sets an optional language filter.</summary>
    public string? Language { get; set; }

    /// <summary>Gets or sets an optional topic filter.</summary>
    public string? Topic { get; set; }

    /// <summary>Gets or sets an optional minimum star count.</summary>
    public int? MinStars { get; set; }

    /// <summary>Gets the report this schedule asks for on <paramref name="referenceDate"/>.</summary>
    /// <param name="referenceDate">The date of the run (UTC).</param>
    /// <returns>The request.</returns>
    public ReportRequest ToRequest(DateOnly referenceDate) => new()
    {
        Period = Period,
        ReferenceDate = referenceDate,
        Top = Top,
        GroupBy = GroupBy,
        Layout = Layout,
        Language = Language,
        Topic = Topic,
        MinStars = MinStars,
    };
}
