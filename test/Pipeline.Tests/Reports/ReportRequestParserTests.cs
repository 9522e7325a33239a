using HotRepos.Requests;

namespace HotRepos.Tests.Reports;

public sealed class ReportRequestParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void TryParse_NoFields_ReturnsDefaults()
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput(), Today, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Null(request.Period);
        Assert.Null(request.Since);
        Assert.Null(request.ReferenceDate);
        Assert.Equal(ReportRequest.DefaultTop, request.Top);
        Assert.Equal(500, request.Top);
        Assert.Equal(GroupBy.Language, request.GroupBy);
        Assert.Equal(CsvLayout.Grouped, request.Layout);
        Assert.Null(request.Language);
        Assert.Null(request.Topic);
        Assert.Null(request.MinStars);
    }

    [Fact]
    public void TryParse_BlankFields_TreatsThemAsAbsent()
    {
        var input = new ReportRequestInput
        {
            Period = " ",
            Since = "",
            Date = "  ",
            GroupBy = "",
            Layout = "\t",
            Language = "   ",
            Topic = "",
        };

        var request = ReportRequestParser.TryParse(input, Today, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new ReportRequest(), request);
    }

    [Fact]
    public void TryParse_EveryFieldValid_CarriesEveryValue()
    {
        var input = new ReportRequestInput
        {
            Since = "2026-10-01",
            Date = "2026-11-26",
            Top = 42,
            GroupBy = "topic",
            Layout = "ranked",
            Language = "Jupyter Notebook",
            Topic = "machine-learning",
            MinStars = 5,
        };

        var request = ReportRequestParser.TryParse(input, Today, out var errors);

        Assert.Empty(errors);
        var expected = new ReportRequest
        {
            Since = new DateOnly(2026, 10, 1),
            ReferenceDate = new DateOnly(2026, 11, 26),
            Top = 42,
            GroupBy = GroupBy.Topic,
            Layout = CsvLayout.Ranked,
            Language = "Jupyter Notebook",
            Topic = "machine-learning",
            MinStars = 5,
        };
        Assert.Equal(expected, request);
    }

    [Theory]
    [InlineData("day", Period.Day)]
    [InlineData("DAY", Period.Day)]
    [InlineData("Week", Period.Week)]
    [InlineData("wEEk", Period.Week)]
    [InlineData(" month ", Period.Month)]
    public void TryParse_PeriodInAnyCase_ParsesPeriod(string text, Period expected)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Period = text }, Today, out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, request?.Period);
    }

    [Theory]
    [InlineData("language", GroupBy.Language)]
    [InlineData("TOPIC", GroupBy.Topic)]
    [InlineData("Topic", GroupBy.Topic)]
    public void TryParse_GroupByInAnyCase_ParsesGroupBy(string text, GroupBy expected)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { GroupBy = text }, Today, out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, request?.GroupBy);
    }

    [Theory]
    [InlineData("grouped", CsvLayout.Grouped)]
    [InlineData("RANKED", CsvLayout.Ranked)]
    [InlineData("Ranked", CsvLayout.Ranked)]
    public void TryParse_LayoutInAnyCase_ParsesLayout(string text, CsvLayout expected)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Layout = text }, Today, out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, request?.Layout);
    }

    // Enum.TryParse accepts "1" and "day,week"; only the names are part of the contract.
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1 ")]
    [InlineData("7")]
    [InlineData("day,week")]
    [InlineData("fortnight")]
    [InlineData("days")]
    public void TryParse_PeriodNotAName_ReturnsPeriodErrorListingNames(string text)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Period = text }, Today, out var errors);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal("period", error.Field);
        Assert.Equal($"period must be one of day, week, month; got '{text}'", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("language,topic")]
    [InlineData("owner")]
    public void TryParse_GroupByNotAName_ReturnsGroupByErrorListingNames(string text)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { GroupBy = text }, Today, out var errors);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal("groupBy", error.Field);
        Assert.Equal($"groupBy must be one of language, topic; got '{text}'", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("table")]
    public void TryParse_LayoutNotAName_ReturnsLayoutErrorListingNames(string text)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Layout = text }, Today, out var errors);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal("layout", error.Field);
        Assert.Equal($"layout must be one of grouped, ranked, summary; got '{text}'", error.Message);
    }

    [Theory]
    [InlineData("2026-11-20", 2026, 11, 20)]
    [InlineData(" 2026-11-20 ", 2026, 11, 20)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    public void TryParse_SinceAsIsoDate_ParsesSince(string text, int year, int month, int day)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Since = text }, Today, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new DateOnly(year, month, day), request?.Since);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-29")]
    [InlineData("2026-11-31")]
    [InlineData("2026-1-5")]
    [InlineData("20261120")]
    [InlineData("27/11/2026")]
    [InlineData("11/27/2026")]
    [InlineData("2026-11-20T00:00:00Z")]
    [InlineData("yesterday")]
    public void TryParse_SinceNotIsoDate_ReturnsSinceErrorWithFormat(string text)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Since = text }, Today, out var errors);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal("since", error.Field);
        Assert.Equal($"since must be a date written yyyy-MM-dd; got '{text}'", error.Message);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("tomorrow")]
    public void TryParse_DateNotIsoDate_ReturnsDateErrorWithFormat(string text)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Date = text }, Today, out var errors);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal("date", error.Field);
        Assert.Equal($"date must be a date written yyyy-MM-dd; got '{text}'", error.Message);
    }

    [Fact]
    public void TryParse_DateAfterToday_ReturnsValidationError()
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Date = "2026-11-28" }, Today, out var errors);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal("date", error.Field);
        Assert.Equal("date must be between 2008-01-01 and today (2026-11-27); got 2026-11-28", error.Message);
    }

    [Fact]
    public void TryParse_SinceInFuture_ReturnsValidationError()
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Since = "2026-12-01" }, Today, out var errors);

        Assert.Null(request);
        Assert.Equal("since", Assert.Single(errors).Field);
    }

    [Fact]
    public void TryParse_LanguageAndTopicWithSurroundingSpaces_TrimsThem()
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Language = "  C++ ", Topic = " cli " }, Today, out var errors);

        Assert.Empty(errors);
        Assert.Equal("C++", request?.Language);
        Assert.Equal("cli", request?.Topic);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public void TryParse_TopOutOfRange_ReturnsTopError(int top)
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Top = top }, Today, out var errors);

        Assert.Null(request);
        Assert.Equal("top", Assert.Single(errors).Field);
    }

    [Fact]
    public void TryParse_SeveralBadFields_ReportsEveryFieldOnceTogether()
    {
        var input = new ReportRequestInput
        {
            Period = "1",
            GroupBy = "owner",
            Layout = "0",
            Since = "2026-02-30",
            Date = "soon",
            Top = 10001,
            Language = "rust:go",
            Topic = "Machine Learning",
            MinStars = -1,
        };

        var request = ReportRequestParser.TryParse(input, Today, out var errors);

        Assert.Null(request);

        // Parse errors first, then validation errors; fields that failed to parse are not validated again.
        Assert.Equal(
            ["period", "groupBy", "layout", "since", "date", "top", "language", "topic", "minStars"],
            errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.StartsWith(e.Field + " must ", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_ParseErrorAndValidationError_ReportsBoth()
    {
        var request = ReportRequestParser.TryParse(new ReportRequestInput { Period = "2", MinStars = -3 }, Today, out var errors);

        Assert.Null(request);
        Assert.Equal(["period", "minStars"], errors.Select(e => e.Field));
    }

    [Fact]
    public void TryParse_NullInput_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => ReportRequestParser.TryParse(null!, Today, out _));
    }
}
