using System.Globalization;
using HotRepos.Requests;

namespace HotRepos.Tests.Reports;

public sealed class PeriodExtensionsTests
{
    [Theory]
    [InlineData(Period.Day, 1)]
    [InlineData(Period.Week, 7)]
    [InlineData(Period.Month, 30)]
    public void Days_DefinedPeriod_ReturnsItsLength(Period period, int expected)
    {
        Assert.Equal(expected, period.Days());
    }

    [Fact]
    public void Days_UndefinedPeriod_ThrowsArgumentOutOfRange()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ((Period)42).Days());

        Assert.Equal("period", exception.ParamName);
    }

    [Theory]
    [InlineData(Period.Day, "2026-11-27", "2026-11-26")]
    [InlineData(Period.Week, "2026-11-27", "2026-11-20")]
    [InlineData(Period.Month, "2026-11-27", "2026-10-28")]

    // Month boundaries: 1 March minus a day is the last day of February.
    [InlineData(Period.Day, "2026-03-01", "2026-02-28")]
    [InlineData(Period.Week, "2026-05-03", "2026-04-26")]
    [InlineData(Period.Month, "2026-03-15", "2026-02-13")]

    // Year boundaries.
    [InlineData(Period.Day, "2026-01-01", "2025-12-31")]
    [InlineData(Period.Week, "2026-01-03", "2025-12-27")]
    [InlineData(Period.Month, "2026-01-10", "2025-12-11")]

    // Leap years: 29 February exists, so every span that crosses it ends a day later than in 2025/2026.
    [InlineData(Period.Day, "2024-03-01", "2024-02-29")]
    [InlineData(Period.Week, "2024-03-03", "2024-02-25")]
    [InlineData(Period.Month, "2024-03-15", "2024-02-14")]
    [InlineData(Period.Day, "2024-02-29", "2024-02-28")]
    [InlineData(Period.Month, "2024-02-29", "2024-01-30")]
    public void SinceFor_ReferenceDate_ReturnsReferenceMinusPeriodDays(Period period, string reference, string expected)
    {
        var since = period.SinceFor(DateOnly.Parse(reference, CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), since);
    }

    [Fact]
    public void SinceFor_UndefinedPeriod_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Period)42).SinceFor(new DateOnly(2026, 11, 27)));
    }
}
