using System.Net;
using HotRepos.Sample;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.GitHubEmulator.Tests.Sample;

public sealed class SampleGitHubHandlerTests
{
    private static HttpClient CreateSut()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero));
        return new HttpClient(new SampleGitHubHandler(time)) { BaseAddress = new Uri("https://api.github.com/") };
    }

    [Fact]
    public async Task SendAsync_Search_200WithHeadersAndRanking()
    {
        using var client = CreateSut();

        using var response = await client.GetAsync(new Uri(TestData.Search("created:>=2026-11-20", 100, 2), UriKind.Relative));
        using var doc = await TestData.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("search", TestData.Header(response, "X-RateLimit-Resource"));
        Assert.Contains("rel=\"next\"", TestData.Header(response, "Link"), StringComparison.Ordinal);
        var expected = RepositorySearch.Rank(SampleCatalog.Create(TestData.Today), SearchQuery.Parse("created:>=2026-11-20")).Skip(100).Take(100).Select(r => r.FullName);
        Assert.Equal(expected, TestData.FullNames(doc));
        Assert.StartsWith("https://api.github.com/repos/", doc.RootElement.GetProperty("items")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EnterprisePrefix_UrlsUsePrefix()
    {
        using var client = CreateSut();

        using var response = await client.GetAsync(new Uri("https://ghe.example/api/v3/search/repositories?q=llm&per_page=1"));
        using var doc = await TestData.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("https://ghe.example/api/v3/repos/", doc.RootElement.GetProperty("items")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search/repositories?q=created:%3E%3D2026-13-45", 422, "Validation Failed")]
    [InlineData("search/repositories?q=llm&per_page=100&page=11", 422, "Only the first 1000 search results are available")]
    [InlineData("search/code?q=llm", 404, "Not Found")]
    public async Task SendAsync_BadRequests_GitHubErrors(string url, int status, string message)
    {
        using var client = CreateSut();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        using var doc = await TestData.JsonAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(message, doc.RootElement.GetProperty("message").GetString());
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), doc.RootElement.GetProperty("status").GetString());
    }
}
