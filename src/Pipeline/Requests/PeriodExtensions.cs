namespace HotRepos.Requests;

/// <summary>Date arithmetic for <see cref="Period"/>, as in the original system: 1, 7 or 30 days back.</summary>
public static class PeriodExtensions
{
    /// <summary>Gets the number of days the period spans.</summary>
    /// <param name="period">The period.</param>
    /// <returns>1, 7 or 30.</returns>
    public static int Days(this Period period) => period switch
    {
        Period.Day => 1,
        Period.Week => 7,
        Period.Month => 30,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period."),
    };

    /// <summary>Gets the first creation date the period covers.</summary>
    /// <param name="period">The period.</param>
    /// <param name="referenceDate">The date the report is for (UTC).</param>
    /// <returns>The reference date minus the period's days.</returns>
    public static DateOnly SinceFor(this Period period, DateOnly referenceDate) => referenceDate.AddDays(-period.Days());
}
