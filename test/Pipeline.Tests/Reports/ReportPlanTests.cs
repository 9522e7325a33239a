using System.Globalization;
using HotRepos.Reports;
using HotRepos.Requests;

namespace HotRepos.Tests.Reports;

public sealed class ReportPlanTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void Create_DefaultRequest_PlansLastWeekInFivePagesOfHundred()
    {
        var plan = ReportPlan.Create(new ReportRequest(), Today);

        Assert.Equal(new DateOnly(2026, 11, 20), plan.Since);
        Assert.Equal(Period.Week, plan.Period);
        Assert.Equal("created:2026-11-20..2026-11-27", plan.Query);
        Assert.Equal(500, plan.Top);
        Assert.Equal(100, plan.PerPage);
        Assert.Equal(5, plan.PageCount);
        Assert.Equal("github-hot-repos-week-2026-11-20.csv", plan.FileName);
    }

    [Theory]
    [InlineData(Period.Day, "2026-11-26", "day")]
    [InlineData(Period.Week, "2026-11-20", "week")]
    [InlineData(Period.Month, "2026-10-28", "month")]
    public void Create_Period_SinceIsTodayMinusPeriodDays(Period period, string expectedSince, string expectedLabel)
    {
        var plan = ReportPlan.Create(new ReportRequest { Period = period }, Today);

        Assert.Equal(ParseDate(expectedSince), plan.Since);
        Assert.Equal(period, plan.Period);
        Assert.Equal($"created:{expectedSince}..2026-11-27", plan.Query);
        Assert.Equal($"github-hot-repos-{expectedLabel}-{expectedSince}.csv", plan.FileName);
    }

    [Theory]
    [InlineData(Period.Day, "2024-03-01", "2024-02-29")]
    [InlineData(Period.Week, "2026-01-03", "2025-12-27")]
    [InlineData(Period.Month, "2026-03-15", "2026-02-13")]
    public void Create_ReferenceDate_SinceCountsBackFromReferenceDateNotToday(Period period, string reference, string expectedSince)
    {
        var plan = ReportPlan.Create(new ReportRequest { Period = period, ReferenceDate = ParseDate(reference) }, Today);

        Assert.Equal(ParseDate(expectedSince), plan.Since);
    }

    [Fact]
    public void Create_ExplicitSinceWithoutPeriod_UsesSinceAndSinceLabel()
    {
        var plan = ReportPlan.Create(new ReportRequest { Since = new DateOnly(2026, 1, 15) }, Today);

        Assert.Equal(new DateOnly(2026, 1, 15), plan.Since);
        Assert.Null(plan.Period);
        Assert.Equal("created:2026-01-15..2026-11-27", plan.Query);
        Assert.Equal("github-hot-repos-since-2026-01-15.csv", plan.FileName);
    }

    [Theory]
    [InlineData(Period.Day)]
    [InlineData(Period.Week)]
    [InlineData(Period.Month)]
    public void TryCreate_ExplicitSinceAndPeriod_RefusesThePairNamingBoth(Period period)
    {
        var input = new ReportRequestInput { Period = period.ToString().ToLowerInvariant(), Since = "2026-01-15" };

        var plan = ReportPlan.TryCreate(input, Today, out var errors);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("since", error.Field);
        Assert.StartsWith("since and period cannot be combined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PastReferenceDate_EndsTheWindowOnThatDateSoLaterRepositoriesAreOut()
    {
        var plan = ReportPlan.Create(new ReportRequest { Period = Period.Day, ReferenceDate = new DateOnly(2026, 11, 1) }, Today);

        Assert.Equal(new DateOnly(2026, 10, 31), plan.Since);
        Assert.Equal(new DateOnly(2026, 11, 1), plan.Until);
        Assert.Equal("created:2026-10-31..2026-11-01", plan.Query);
        Assert.Equal("github-hot-repos-day-2026-10-31.csv", plan.FileName);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2000-01-01")]
    [InlineData("2007-12-31")]
    public void TryCreate_DateBefore2008_IsOneFieldErrorLikeSinceNotACrash(string date)
    {
        var plan = ReportPlan.TryCreate(new ReportRequestInput { Period = "month", Date = date }, Today, out var errors);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("date", error.Field);
        Assert.Equal($"date must be between 2008-01-01 and today (2026-11-27); got {date}", error.Message);
    }

    [Theory]
    [InlineData(null, null, null, 5)]
    [InlineData("rust", null, null, 1)]
    [InlineData(null, "cli", null, 1)]
    [InlineData(null, null, 50, 1)]
    public void FirstRoundPages_UnfilteredAllAtOnceFilteredPageOneFirst(string? language, string? topic, int? minStars, int expected)
    {
        var plan = ReportPlan.Create(new ReportRequest { Language = language, Topic = topic, MinStars = minStars }, Today);

        Assert.Equal(expected, plan.FirstRoundPages);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(40, 40, 1)]
    [InlineData(99, 99, 1)]
    [InlineData(100, 100, 1)]
    [InlineData(101, 100, 2)]
    [InlineData(199, 100, 2)]
    [InlineData(200, 100, 2)]
    [InlineData(201, 100, 3)]
    [InlineData(500, 100, 5)]
    [InlineData(999, 100, 10)]
    [InlineData(1000, 100, 10)]
    public void Create_Top_AsksForFewestPagesThatHoldTop(int top, int expectedPerPage, int expectedPageCount)
    {
        var plan = ReportPlan.Create(new ReportRequest { Top = top }, Today);

        Assert.Equal(expectedPerPage, plan.PerPage);
        Assert.Equal(expectedPageCount, plan.PageCount);
        Assert.True(plan.PerPage * plan.PageCount >= top);
    }

    [Fact]
    public void Create_RequestWithoutDate_KeepsRequestWithTodayFixedAsItsDate()
    {
        var request = new ReportRequest { Top = 7, Language = "Go" };

        var plan = ReportPlan.Create(request, Today);

        Assert.Equal(request with { ReferenceDate = Today }, plan.Request);
        Assert.Equal(7, plan.Top);
    }

    [Theory]
    [InlineData(GroupBy.Topic, CsvLayout.Grouped, "github-hot-repos-week-2026-11-20-topic.csv")]
    [InlineData(GroupBy.Language, CsvLayout.Ranked, "github-hot-repos-week-2026-11-20-ranked.csv")]
    [InlineData(GroupBy.Topic, CsvLayout.Ranked, "github-hot-repos-week-2026-11-20-topic-ranked.csv")]
    public void Create_NonDefaultGroupingOrLayout_AppendsThemToFileName(GroupBy groupBy, CsvLayout layout, string expected)
    {
        var plan = ReportPlan.Create(new ReportRequest { GroupBy = groupBy, Layout = layout }, Today);

        Assert.Equal(expected, plan.FileName);
    }

    [Theory]
    [InlineData(1, "github-hot-repos-week-2026-11-20-top1.csv")]
    [InlineData(100, "github-hot-repos-week-2026-11-20-top100.csv")]
    [InlineData(1000, "github-hot-repos-week-2026-11-20-top1000.csv")]
    [InlineData(500, "github-hot-repos-week-2026-11-20.csv")]
    public void Create_Top_AppendsTopToFileNameUnlessDefault(int top, string expected)
    {
        var plan = ReportPlan.Create(new ReportRequest { Top = top }, Today);

        Assert.Equal(expected, plan.FileName);
    }

    [Theory]
    [InlineData("rust", "github-hot-repos-week-2026-11-20-lang-rust.csv")]
    [InlineData("Rust", "github-hot-repos-week-2026-11-20-lang-rust.csv")]
    [InlineData("C#", "github-hot-repos-week-2026-11-20-lang-csharp.csv")]
    [InlineData("F#", "github-hot-repos-week-2026-11-20-lang-fsharp.csv")]
    [InlineData("C++", "github-hot-repos-week-2026-11-20-lang-cplusplus.csv")]
    [InlineData("Jupyter Notebook", "github-hot-repos-week-2026-11-20-lang-jupyter-notebook.csv")]
    [InlineData("Objective-C", "github-hot-repos-week-2026-11-20-lang-objective-c.csv")]
    [InlineData("Ren'Py", "github-hot-repos-week-2026-11-20-lang-ren-py.csv")]
    public void Create_Language_AppendsLanguageSlugToFileName(string language, string expected)
    {
        var plan = ReportPlan.Create(new ReportRequest { Language = language }, Today);

        Assert.Equal(expected, plan.FileName);
    }

    [Theory]
    [InlineData("cli", "github-hot-repos-week-2026-11-20-topic-cli.csv")]
    [InlineData("machine-learning", "github-hot-repos-week-2026-11-20-topic-machine-learning.csv")]
    public void Create_Topic_AppendsTopicSlugToFileName(string topic, string expected)
    {
        var plan = ReportPlan.Create(new ReportRequest { Topic = topic }, Today);

        Assert.Equal(expected, plan.FileName);
    }

    [Theory]
    [InlineData(0, "github-hot-repos-week-2026-11-20-stars0.csv")]
    [InlineData(25, "github-hot-repos-week-2026-11-20-stars25.csv")]
    public void Create_MinStars_AppendsStarsToFileName(int minStars, string expected)
    {
        var plan = ReportPlan.Create(new ReportRequest { MinStars = minStars }, Today);

        Assert.Equal(expected, plan.FileName);
    }

    [Fact]
    public void Create_EverySettingNonDefault_AppendsAllInFixedOrder()
    {
        var request = new ReportRequest
        {
            Period = Period.Month,
            GroupBy = GroupBy.Topic,
            Layout = CsvLayout.Ranked,
            Top = 100,
            Language = "C++",
            Topic = "game-engine",
            MinStars = 10,
        };

        var plan = ReportPlan.Create(request, Today);

        Assert.Equal("github-hot-repos-month-2026-10-28-topic-ranked-top100-lang-cplusplus-topic-game-engine-stars10.csv", plan.FileName);
        Assert.Equal("created:2026-10-28..2026-11-27 language:C++ topic:game-engine stars:>=10", plan.Query);
    }

    [Fact]
    public void Create_FiltersGiven_QueryCarriesEveryQualifier()
    {
        var plan = ReportPlan.Create(new ReportRequest { Language = "Jupyter Notebook", MinStars = 3 }, Today);

        Assert.Equal("created:2026-11-20..2026-11-27 language:\"Jupyter Notebook\" stars:>=3", plan.Query);
    }

    [Fact]
    public void Create_NonGregorianCurrentCulture_WritesInvariantDates()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            // th-TH counts years in the Buddhist era (2026 is 2569): dates must not follow the current culture.
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");

            var plan = ReportPlan.Create(new ReportRequest { Top = 100, MinStars = 1000 }, Today);

            Assert.Equal("github-hot-repos-week-2026-11-20-top100-stars1000.csv", plan.FileName);
            Assert.Equal("created:2026-11-20..2026-11-27 stars:>=1000", plan.Query);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
