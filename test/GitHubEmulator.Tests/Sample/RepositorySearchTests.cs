using HotRepos.Sample;

namespace HotRepos.GitHubEmulator.Tests.Sample;

public sealed class RepositorySearchTests
{
    private static readonly DateTimeOffset Midnight = new(TestData.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    private static readonly IReadOnlyList<SampleRepository> Catalog = SampleCatalog.Create(TestData.Today);

    [Fact]
    public void Rank_StarsDesc_TiesBrokenByIdAscending()
    {
        var ranked = RepositorySearch.Rank(Catalog, SearchQuery.Parse("created:>=2026-11-20"));

        Assert.Contains(ranked.Zip(ranked.Skip(1)), p => p.First.Stargazers == p.Second.Stargazers);
        Assert.All(ranked.Zip(ranked.Skip(1)), p => Assert.True(
            p.First.Stargazers > p.Second.Stargazers || (p.First.Stargazers == p.Second.Stargazers && p.First.Id < p.Second.Id)));
    }

    [Fact]
    public void Rank_Ascending_ExactReverseOfDescending()
    {
        var query = SearchQuery.Parse("created:>=2026-11-01 language:python");

        var desc = RepositorySearch.Rank(Catalog, query, SearchSort.Stars, ascending: false);
        var asc = RepositorySearch.Rank(Catalog, query, SearchSort.Stars, ascending: true);

        Assert.Equal(desc.Reverse().Select(r => r.Id), asc.Select(r => r.Id));
    }

    [Fact]
    public void Rank_Filters_EveryResultMatchesAndNothingIsMissed()
    {
        var query = SearchQuery.Parse("created:2026-11-10..2026-11-20 language:typescript topic:llm stars:>=2");
        var ranked = RepositorySearch.Rank(Catalog, query);

        var expected = Catalog.Where(r => r.CreatedAt >= Midnight.AddDays(-17) && r.CreatedAt < Midnight.AddDays(-6)
            && r.Language == "TypeScript" && r.Topics.Contains("llm") && r.Stargazers >= 2 && !r.Fork).Select(r => r.Id).Order();
        Assert.NotEmpty(ranked);
        Assert.Equal(expected, ranked.Select(r => r.Id).Order());
    }

    [Theory]
    [InlineData("fork:only", true, true)]
    [InlineData("stars:>=0", false, false)]
    public void Rank_Fork_OnlyOrExcluded(string q, bool anyFork, bool allForks)
    {
        var ranked = RepositorySearch.Rank(Catalog, SearchQuery.Parse(q));

        Assert.Equal(anyFork, ranked.Any(r => r.Fork));
        Assert.Equal(allForks, ranked.All(r => r.Fork));
    }

    [Fact]
    public void Rank_ForkTrue_IncludesForksAndOthers()
    {
        var ranked = RepositorySearch.Rank(Catalog, SearchQuery.Parse("fork:true"));

        Assert.Equal(Catalog.Count, ranked.Length);
    }

    [Theory]
    [InlineData(1, 100, 0, 100)]
    [InlineData(10, 100, 900, 100)]
    [InlineData(34, 30, 990, 10)]
    public void Page_WithinCap_SliceNeverPastThousand(int page, int perPage, int offset, int count)
    {
        var ranked = RepositorySearch.Rank(Catalog, SearchQuery.Parse("stars:>=0"));
        Assert.True(SearchRequest.TryParse("stars:>=0", "stars", null, perPage.ToString(System.Globalization.CultureInfo.InvariantCulture), page.ToString(System.Globalization.CultureInfo.InvariantCulture), out var request, out _));

        var slice = RepositorySearch.Page(ranked, request);

        Assert.Equal(offset, slice.Offset);
        Assert.Equal(count, slice.Count);
    }

    [Theory]
    [InlineData(5000, 100, 10)]
    [InlineData(5000, 30, 34)]
    [InlineData(250, 100, 3)]
    [InlineData(0, 30, 1)]
    public void LastPage_CappedAtThousandResults(int total, int perPage, int expected)
        => Assert.Equal(expected, RepositorySearch.LastPage(total, perPage));
}
