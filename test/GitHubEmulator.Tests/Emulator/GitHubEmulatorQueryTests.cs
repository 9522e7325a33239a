using System.Net;
using System.Text.Json;

namespace HotRepos.GitHubEmulator.Tests.Emulator;

public sealed class GitHubEmulatorQueryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private GitHubEmulatorServer Server => fixture.Server;

    private async Task<(HttpResponseMessage Response, JsonDocument Json)> GetAsync(string url, string? token = "t")
    {
        using var client = TestData.Client(Server.BaseUrl, token);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await TestData.JsonAsync(response));
    }

    [Theory]
    [InlineData("created:>=2026-11-20")]
    [InlineData("created:>2026-11-20 language:python")]
    [InlineData("created:2026-11-01..2026-11-10 topic:llm")]
    [InlineData("created:<2026-10-15 stars:>=5")]
    [InlineData("created:2026-11-26 fork:true")]
    [InlineData("language:\"Jupyter Notebook\" stars:1..20")]
    [InlineData("fork:only")]
    public async Task Search_Filters_FirstPageEqualsExpectedRankingAndTotal(string q)
    {
        var (response, json) = await GetAsync(TestData.Search(q, 100));
        using (response)
        using (json)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Server.ExpectedRanking(q, 100), TestData.FullNames(json));
            Assert.Equal(Server.ExpectedRanking(q, int.MaxValue).Count, Math.Min(1000, json.RootElement.GetProperty("total_count").GetInt32()));
            Assert.False(json.RootElement.GetProperty("incomplete_results").GetBoolean());
        }
    }

    [Fact]
    public async Task Search_TiedStars_OrderedByIdAscending()
    {
        var (response, json) = await GetAsync(TestData.Search("created:>=2026-11-20", 100, 5));
        using (response)
        using (json)
        {
            var items = json.RootElement.GetProperty("items").EnumerateArray()
                .Select(i => (Stars: i.GetProperty("stargazers_count").GetInt32(), Id: i.GetProperty("id").GetInt64())).ToList();
            Assert.Contains(items.Zip(items.Skip(1)), p => p.First.Stars == p.Second.Stars);
            Assert.All(items.Zip(items.Skip(1)), p => Assert.True(p.First.Stars > p.Second.Stars || (p.First.Stars == p.Second.Stars && p.First.Id < p.Second.Id)));
        }
    }

    [Fact]
    public async Task Search_PagedFetch_EqualsExpectedRankingWithoutGapsOrOverlap()
    {
        const string q = "created:>=2026-10-28";
        var names = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            var (response, json) = await GetAsync(TestData.Search(q, 100, page));
            using (response)
            using (json)
            {
                names.AddRange(TestData.FullNames(json));
            }
        }

        Assert.Equal(Server.ExpectedRanking(q, 500), names);
    }

    [Fact]
    public async Task Search_Ascending_ReverseOrder()
    {
        var (response, json) = await GetAsync(TestData.Search("created:2026-11-25", 100, 1, order: "asc"));
        using (response)
        using (json)
        {
            Assert.Equal(Server.ExpectedRanking("created:2026-11-25", 1000, order: "asc").Take(100), TestData.FullNames(json));
        }
    }

    [Theory]
    [InlineData(500, 100)]
    [InlineData(null, 30)]
    [InlineData(7, 7)]
    public async Task Search_PerPage_DefaultAndCappedAt100(int? perPage, int expected)
    {
        var url = "search/repositories?q=stars:%3E%3D0" + (perPage is null ? "" : $"&per_page={perPage}");
        var (response, json) = await GetAsync(url);
        using (response)
        using (json)
        {
            Assert.Equal(expected, json.RootElement.GetProperty("items").GetArrayLength());
        }
    }

    [Fact]
    public async Task Search_MiddlePage_LinkHeaderHasPrevNextLastFirst()
    {
        var (response, json) = await GetAsync("search/repositories?q=stars%3A%3E%3D0&sort=stars&per_page=100&page=3");
        using (response)
        using (json)
        {
            var prefix = Server.BaseUrl + "search/repositories?q=stars%3A%3E%3D0&sort=stars&per_page=100&page=";
            Assert.Equal($"<{prefix}2>; rel=\"prev\", <{prefix}4>; rel=\"next\", <{prefix}10>; rel=\"last\", <{prefix}1>; rel=\"first\"", TestData.Header(response, "Link"));
        }
    }

    [Fact]
    public async Task Search_SinglePage_NoLinkHeader()
    {
        var (response, json) = await GetAsync(TestData.Search("created:2026-11-26 language:zig", 100));
        using (response)
        using (json)
        {
            Assert.True(json.RootElement.GetProperty("total_count").GetInt32() <= 100);
            Assert.False(response.Headers.Contains("Link"));
        }
    }

    [Theory]
    [InlineData(10, 200)]
    [InlineData(11, 422)]
    public async Task Search_ThousandCap_Page11Of100Refused(int page, int status)
    {
        var (response, json) = await GetAsync(TestData.Search("stars:>=0", 100, page));
        using (response)
        using (json)
        {
            Assert.Equal(status, (int)response.StatusCode);
            if (status == 422)
            {
                Assert.Equal("Only the first 1000 search results are available", json.RootElement.GetProperty("message").GetString());
                Assert.Equal("https://docs.github.com/v3/search/", json.RootElement.GetProperty("documentation_url").GetString());
                Assert.Equal("422", json.RootElement.GetProperty("status").GetString());
            }
            else
            {
                Assert.Equal(Server.ExpectedRanking("stars:>=0", 1000).Skip(900), TestData.FullNames(json));
            }
        }
    }

    [Fact]
    public async Task Search_MalformedQ_422ValidationFailedWithErrors()
    {
        var (response, json) = await GetAsync(TestData.Search("created:>=2026-13-45"));
        using (response)
        using (json)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("Validation Failed", json.RootElement.GetProperty("message").GetString());
            var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
            Assert.Equal("Search", error.GetProperty("resource").GetString());
            Assert.Equal("q", error.GetProperty("field").GetString());
            Assert.Equal("invalid", error.GetProperty("code").GetString());
            Assert.Contains("created:>=2026-13-45", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_EnterprisePrefix_ServedWithPrefixedUrls()
    {
        using var client = TestData.Client(Server.EnterpriseBaseUrl);
        using var response = await client.GetAsync(new Uri(TestData.Search("llm", 5), UriKind.Relative));
        using var json = await TestData.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Server.ExpectedRanking("llm", 5), TestData.FullNames(json));
        Assert.StartsWith(Server.EnterpriseBaseUrl + "repos/", json.RootElement.GetProperty("items")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<" + Server.EnterpriseBaseUrl + "search/repositories?", TestData.Header(response, "Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AnyAnswer_ContentTypeAndRateLimitHeaders()
    {
        foreach (var url in new[] { TestData.Search("llm"), TestData.Search("stars:bad"), "nope" })
        {
            var (response, json) = await GetAsync(url);
            using (response)
            using (json)
            {
                Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
                foreach (var header in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Used", "X-RateLimit-Reset" })
                {
                    Assert.True(long.TryParse(TestData.Header(response, header), out _), header);
                }

                Assert.Equal("search", TestData.Header(response, "X-RateLimit-Resource"));
            }
        }
    }

    [Fact]
    public async Task Search_NoUserAgent_403AdministrativeRules()
    {
        using var client = new HttpClient { BaseAddress = Server.BaseUrl };

        using var response = await client.GetAsync(new Uri(TestData.Search("llm"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Request forbidden by administrative rules. Please make sure your request has a User-Agent header", await response.Content.ReadAsStringAsync());
    }
}
