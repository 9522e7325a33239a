using HotRepos.Requests;

namespace HotRepos.Tests.Reports;

public sealed class ReportRequestTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void Validate_Defaults_ReturnsNoErrors()
    {
        var errors = new ReportRequest().Validate(Today);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_EveryFieldValid_ReturnsNoErrors()
    {
        var request = new ReportRequest
        {
            Since = new DateOnly(2026, 10, 1),
            ReferenceDate = Today,
            Top = 1000,
            GroupBy = GroupBy.Topic,
            Layout = CsvLayout.Ranked,
            Language = "Jupyter Notebook",
            Topic = "machine-learning",
            MinStars = 0,
        };

        Assert.Empty(request.Validate(Today));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(1000)]
    public void Validate_TopWithinOneToThousand_ReturnsNoErrors(int top)
    {
        Assert.Empty(new ReportRequest { Top = top }.Validate(Today));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10001)]
    public void Validate_TopOutsideOneToThousand_ReturnsTopErrorWithBoundsAndValue(int top)
    {
        var error = Assert.Single(new ReportRequest { Top = top }.Validate(Today));

        Assert.Equal("top", error.Field);
        Assert.StartsWith("top must be between 1 and 10000", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"got {top}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2008-01-01")]
    [InlineData("2026-11-20")]
    [InlineData("2026-11-27")]
    public void Validate_SinceFrom2008ToToday_ReturnsNoErrors(string since)
    {
        Assert.Empty(new ReportRequest { Since = DateOnly.ParseExact(since, "yyyy-MM-dd") }.Validate(Today));
    }

    [Theory]
    [InlineData("2026-11-28")]
    [InlineData("2027-01-01")]
    [InlineData("2007-12-31")]
    [InlineData("1999-06-15")]
    public void Validate_SinceInFutureOrBefore2008_ReturnsSinceErrorWithRangeAndValue(string since)
    {
        var error = Assert.Single(new ReportRequest { Since = DateOnly.ParseExact(since, "yyyy-MM-dd") }.Validate(Today));

        Assert.Equal("since", error.Field);
        Assert.Equal($"since must be between 2008-01-01 and 2026-11-27; got {since}", error.Message);
    }

    [Fact]
    public void Validate_SinceAfterReferenceDate_ReturnsSinceErrorBoundedByReferenceDate()
    {
        var request = new ReportRequest { ReferenceDate = new DateOnly(2026, 6, 1), Since = new DateOnly(2026, 6, 2) };

        var error = Assert.Single(request.Validate(Today));

        Assert.Equal("since", error.Field);
        Assert.Equal("since must be between 2008-01-01 and 2026-06-01; got 2026-06-02", error.Message);
    }

    [Fact]
    public void Validate_ReferenceDateToday_ReturnsNoErrors()
    {
        Assert.Empty(new ReportRequest { ReferenceDate = Today }.Validate(Today));
    }

    [Fact]
    public void Validate_ReferenceDateAfterToday_ReturnsDateErrorWithTodayAndValue()
    {
        var error = Assert.Single(new ReportRequest { ReferenceDate = Today.AddDays(1) }.Validate(Today));

        Assert.Equal("date", error.Field);
        Assert.Equal("date must be between 2008-01-01 and today (2026-11-27); got 2026-11-28", error.Message);
    }

    [Theory]
    [InlineData("rust")]
    [InlineData("C++")]
    [InlineData("C#")]
    [InlineData("F#")]
    [InlineData("Jupyter Notebook")]
    [InlineData("Objective-C")]
    [InlineData("Ren'Py")]
    [InlineData("Vim_Script")]
    [InlineData(".NET")]
    [InlineData("x")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ")]
    public void Validate_LanguageOfAllowedCharacters_ReturnsNoErrors(string language)
    {
        Assert.Empty(new ReportRequest { Language = language }.Validate(Today));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" rust")]
    [InlineData("rust language:go")]
    [InlineData("rust\"")]
    [InlineData("stars:>1")]
    [InlineData("rust;go")]
    [InlineData("rust/go")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJK")]
    public void Validate_LanguageWithForbiddenCharactersOrLength_ReturnsLanguageError(string language)
    {
        var error = Assert.Single(new ReportRequest { Language = language }.Validate(Today));

        Assert.Equal("language", error.Field);
        Assert.StartsWith("language must be 1 to 50 letters, digits, spaces or + # . - _ ' characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("C++", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Jupyter Notebook\"", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"got '{language}'", error.Message, StringComparison.Ordinal);
    }

    // The message allows letters, digits, spaces and + # . - _ ' only. A line break is none of them, and it would
    // end up inside GitHub's q and the file name. `$` in .NET regular expressions also matches before a final
    // "\n", so a pattern anchored with `$` instead of `\z` lets a trailing line break through.
    [Theory]
    [InlineData("rust\n")]
    [InlineData("rust\r")]
    [InlineData("rust\t")]
    public void Validate_LanguageWithTrailingControlCharacter_ReturnsLanguageError(string language)
    {
        var error = Assert.Single(new ReportRequest { Language = language }.Validate(Today));

        Assert.Equal("language", error.Field);
    }

    [Theory]
    [InlineData("machine-learning")]
    [InlineData("cli")]
    [InlineData("3d")]
    [InlineData("a")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij")]
    public void Validate_TopicOfLowercaseLettersDigitsAndHyphens_ReturnsNoErrors(string topic)
    {
        Assert.Empty(new ReportRequest { Topic = topic }.Validate(Today));
    }

    [Theory]
    [InlineData("Machine Learning")]
    [InlineData("machine learning")]
    [InlineData("Rust")]
    [InlineData("machine_learning")]
    [InlineData("-cli")]
    [InlineData("c++")]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk")]
    public void Validate_TopicNotLowercaseHyphenated_ReturnsTopicErrorWithExampleAndValue(string topic)
    {
        var error = Assert.Single(new ReportRequest { Topic = topic }.Validate(Today));

        Assert.Equal("topic", error.Field);
        Assert.Equal(
            $"topic must be 1 to 50 lowercase letters, digits or hyphens, starting with a letter or digit (like machine-learning); got '{topic}'",
            error.Message);
    }

    [Fact]
    public void Validate_TopicWithTrailingLineBreak_ReturnsTopicError()
    {
        // Same `$` anchoring concern as for the language: "\n" is not a lowercase letter, digit or hyphen.
        var error = Assert.Single(new ReportRequest { Topic = "cli\n" }.Validate(Today));

        Assert.Equal("topic", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(int.MaxValue)]
    public void Validate_MinStarsZeroOrMore_ReturnsNoErrors(int minStars)
    {
        Assert.Empty(new ReportRequest { MinStars = minStars }.Validate(Today));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Validate_NegativeMinStars_ReturnsMinStarsError(int minStars)
    {
        var error = Assert.Single(new ReportRequest { MinStars = minStars }.Validate(Today));

        Assert.Equal("minStars", error.Field);
        Assert.Equal($"minStars must be 0 or more; got {minStars}", error.Message);
    }

    [Fact]
    public void Validate_UndefinedPeriod_ReturnsPeriodErrorListingNames()
    {
        var error = Assert.Single(new ReportRequest { Period = (Period)9 }.Validate(Today));

        Assert.Equal("period", error.Field);
        Assert.Equal("period must be one of day, week, month", error.Message);
    }

    [Fact]
    public void Validate_UndefinedGroupBy_ReturnsGroupByErrorListingNames()
    {
        var error = Assert.Single(new ReportRequest { GroupBy = (GroupBy)9 }.Validate(Today));

        Assert.Equal("groupBy", error.Field);
        Assert.Equal("groupBy must be one of language, topic", error.Message);
    }

    [Fact]
    public void Validate_UndefinedLayout_ReturnsLayoutErrorListingNames()
    {
        var error = Assert.Single(new ReportRequest { Layout = (CsvLayout)9 }.Validate(Today));

        Assert.Equal("layout", error.Field);
        Assert.Equal("layout must be one of grouped, ranked, summary", error.Message);
    }

    [Fact]
    public void Validate_SeveralInvalidFields_ReturnsOneErrorPerField()
    {
        var request = new ReportRequest
        {
            Top = 0,
            ReferenceDate = Today.AddDays(3),
            Since = new DateOnly(2001, 1, 1),
            Language = "a:b",
            Topic = "Machine Learning",
            MinStars = -1,
        };

        var errors = request.Validate(Today);

        Assert.Equal(["top", "date", "since", "language", "topic", "minStars"], errors.Select(e => e.Field));
    }
}
