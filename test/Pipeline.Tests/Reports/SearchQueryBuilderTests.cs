using System.Globalization;
using HotRepos.GitHub;

namespace HotRepos.Tests.Reports;

public sealed class SearchQueryBuilderTests
{
    private static readonly DateOnly Since = new(2026, 11, 20);
    private static readonly DateOnly Until = new(2026, 11, 27);

    [Fact]
    public void Build_NoFilters_ReturnsCreatedRangeWithBothEnds()
    {
        Assert.Equal("created:2026-11-20..2026-11-27", SearchQueryBuilder.Build(Since, Until, null, null, null));
    }

    [Fact]
    public void Build_SingleDigitMonthAndDay_PadsDate()
    {
        Assert.Equal("created:2026-01-05..2026-11-27", SearchQueryBuilder.Build(new DateOnly(2026, 1, 5), Until, null, null, null));
    }

    [Theory]
    [InlineData("rust", "created:2026-11-20..2026-11-27 language:rust")]
    [InlineData("C++", "created:2026-11-20..2026-11-27 language:C++")]
    [InlineData("C#", "created:2026-11-20..2026-11-27 language:C#")]
    [InlineData("Objective-C", "created:2026-11-20..2026-11-27 language:Objective-C")]
    [InlineData("Jupyter Notebook", "created:2026-11-20..2026-11-27 language:\"Jupyter Notebook\"")]
    [InlineData("Vim Script", "created:2026-11-20..2026-11-27 language:\"Vim Script\"")]
    public void Build_Language_AddsLanguageQualifierQuotedOnlyWithSpace(string language, string expected)
    {
        Assert.Equal(expected, SearchQueryBuilder.Build(Since, Until, language, null, null));
    }

    [Fact]
    public void Build_Topic_AddsTopicQualifier()
    {
        Assert.Equal("created:2026-11-20..2026-11-27 topic:machine-learning", SearchQueryBuilder.Build(Since, Until, null, "machine-learning", null));
    }

    [Theory]
    [InlineData(0, "created:2026-11-20..2026-11-27 stars:>=0")]
    [InlineData(10, "created:2026-11-20..2026-11-27 stars:>=10")]
    [InlineData(12345, "created:2026-11-20..2026-11-27 stars:>=12345")]
    public void Build_MinStars_AddsStarsQualifier(int minStars, string expected)
    {
        Assert.Equal(expected, SearchQueryBuilder.Build(Since, Until, null, null, minStars));
    }

    [Fact]
    public void Build_EveryFilter_JoinsQualifiersWithSpacesInFixedOrder()
    {
        Assert.Equal(
            "created:2026-11-20..2026-11-27 language:\"Jupyter Notebook\" topic:cli stars:>=10",
            SearchQueryBuilder.Build(Since, Until, "Jupyter Notebook", "cli", 10));
    }

    [Fact]
    public void Build_CultureWithOtherDigitsAndCalendar_WritesInvariantText()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            // th-TH counts years in the Buddhist era; GitHub expects Gregorian yyyy-MM-dd and plain digits.
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");

            Assert.Equal("created:2026-11-20..2026-11-27 stars:>=1000", SearchQueryBuilder.Build(Since, Until, null, null, 1000));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}
