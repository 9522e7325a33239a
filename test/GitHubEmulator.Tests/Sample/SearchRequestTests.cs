using HotRepos.Sample;

namespace HotRepos.GitHubEmulator.Tests.Sample;

public sealed class SearchRequestTests
{
    [Theory]
    [InlineData(null, null, 30, 1)]
    [InlineData("500", "2", 100, 2)]
    [InlineData("abc", "-1", 30, 1)]
    public void TryParse_PagingParameters_DefaultsAndCap(string? perPage, string? page, int expectedPerPage, int expectedPage)
    {
        Assert.True(SearchRequest.TryParse("llm", null, null, perPage, page, out var request, out _));

        Assert.Equal(expectedPerPage, request.PerPage);
        Assert.Equal(expectedPage, request.Page);
    }

    [Theory]
    [InlineData("100", "10", true)]
    [InlineData("100", "11", false)]
    [InlineData("30", "34", true)]
    [InlineData("30", "35", false)]
    public void TryParse_PageStartingPastThousand_ResultCapError(string perPage, string page, bool ok)
    {
        var parsed = SearchRequest.TryParse("llm", "stars", "desc", perPage, page, out _, out var error);

        Assert.Equal(ok, parsed);
        if (!ok)
        {
            Assert.Equal(422, error!.Status);
            Assert.Equal("Only the first 1000 search results are available", error.Message);
            Assert.Null(error.Errors);
        }
    }

    [Fact]
    public void TryParse_OrderWithoutSort_Ignored()
    {
        Assert.True(SearchRequest.TryParse("llm", null, "asc", null, null, out var request, out _));

        Assert.Equal(SearchSort.BestMatch, request.Sort);
        Assert.False(request.Ascending);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("stars:lots", "invalid")]
    public void TryParse_BadQ_ValidationFailed(string? q, string code)
    {
        Assert.False(SearchRequest.TryParse(q, null, null, null, null, out _, out var error));

        Assert.Equal(422, error.Status);
        Assert.Equal("Validation Failed", error.Message);
        var detail = Assert.Single(error.Errors!);
        Assert.Equal(("Search", "q", code), (detail.Resource, detail.Field, detail.Code));
    }
}
