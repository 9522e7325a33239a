using HotRepos.Sample;

namespace HotRepos.GitHubEmulator.Tests.Sample;

public sealed class SearchQueryTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("created:>=2026-11-20", "2026-11-20T00:00:00Z", null)]
    [InlineData("created:>2026-11-20", "2026-11-21T00:00:00Z", null)]
    [InlineData("created:<=2026-11-20", null, "2026-11-21T00:00:00Z")]
    [InlineData("created:<2026-11-20", null, "2026-11-20T00:00:00Z")]
    [InlineData("created:2026-11-20", "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z")]
    [InlineData("created:2026-11-01..2026-11-03", "2026-11-01T00:00:00Z", "2026-11-04T00:00:00Z")]
    [InlineData("created:2026-11-01..*", "2026-11-01T00:00:00Z", null)]
    [InlineData("created:*..2026-11-03", null, "2026-11-04T00:00:00Z")]
    [InlineData("created:>=2026-11-20T12:30:00Z", "2026-11-20T12:30:00Z", null)]
    [InlineData("created:>=2026-11-20T12:30:00+02:00", "2026-11-20T10:30:00Z", null)]
    [InlineData("created:<2026-11-20T12:30:00Z", null, "2026-11-20T12:30:00Z")]
    public void Parse_CreatedOperators_HalfOpenUtcRange(string q, string? from, string? to)
    {
        var created = SearchQuery.Parse(q).Created;

        Assert.Equal(from is null ? null : At(from), created.From);
        Assert.Equal(to is null ? null : At(to), created.To);
    }

    [Theory]
    [InlineData("stars:>=10", 10, null)]
    [InlineData("stars:>10", 11, null)]
    [InlineData("stars:<=10", null, 10)]
    [InlineData("stars:<10", null, 9)]
    [InlineData("stars:10", 10, 10)]
    [InlineData("stars:10..50", 10, 50)]
    [InlineData("stars:10..*", 10, null)]
    [InlineData("stars:*..50", null, 50)]
    [InlineData("stars:>=10 stars:<=20", 10, 20)]
    public void Parse_StarsOperators_InclusiveRange(string q, int? min, int? max)
        => Assert.Equal(new IntRange(min, max), SearchQuery.Parse(q).Stars);

    [Fact]
    public void Parse_QualifiersAndKeywords_AllCaptured()
    {
        var query = SearchQuery.Parse("agent  language:\"Jupyter Notebook\" language:Rust topic:llm TOPIC:mcp fork:only archived:false \"multi word\"");

        Assert.Equal(["Jupyter Notebook", "Rust"], query.Languages);
        Assert.Equal(["llm", "mcp"], query.Topics);
        Assert.Equal(["agent", "multi word"], query.Keywords);
        Assert.Equal(ForkFilter.Only, query.Fork);
        Assert.False(query.Archived);
    }

    [Theory]
    [InlineData("fork:true", "Include")]
    [InlineData("fork:false", "Exclude")]
    [InlineData("llm", "Exclude")]
    public void Parse_Fork_DefaultExcludes(string q, string expected)
        => Assert.Equal(expected, SearchQuery.Parse(q).Fork.ToString());

    [Theory]
    [InlineData("created:>=2026-13-45", "Invalid created qualifier: 'created:>=2026-13-45'")]
    [InlineData("created:yesterday", "Invalid created qualifier: 'created:yesterday'")]
    [InlineData("stars:>lots", "Invalid stars qualifier: 'stars:>lots'")]
    [InlineData("stars:1..x", "Invalid stars qualifier: 'stars:1..x'")]
    [InlineData("fork:maybe", "Invalid fork qualifier: 'fork:maybe'")]
    [InlineData("archived:1", "Invalid archived qualifier: 'archived:1'")]
    [InlineData("language:", "Invalid language qualifier: 'language:'")]
    [InlineData("colour:blue", "Unsupported qualifier 'colour:' in 'colour:blue'")]
    [InlineData("language:\"C++", "Unbalanced quotes in query 'language:\"C++'")]
    [InlineData("   ", "The search query q is missing or empty.")]
    public void Parse_Malformed_ThrowsWithSpecificMessage(string q, string message)
        => Assert.Equal(message, Assert.Throws<SearchQueryException>(() => SearchQuery.Parse(q)).Message);

    [Fact]
    public void Matches_KeywordInDescriptionOrTopic_CaseInsensitive()
    {
        var repository = SampleCatalog.Create(TestData.Today)[5] with { Name = "x", Description = "Hello World", Topics = ["machine-learning"] };

        Assert.True(SearchQuery.Parse("WORLD").Matches(repository));
        Assert.True(SearchQuery.Parse("Machine").Matches(repository));
        Assert.False(SearchQuery.Parse("absent").Matches(repository));
    }
}
