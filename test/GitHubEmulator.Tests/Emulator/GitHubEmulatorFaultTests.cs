using System.Net;
using System.Text.Json;

namespace HotRepos.GitHubEmulator.Tests.Emulator;

public sealed class GitHubEmulatorFaultTests
{
    private static readonly Uri Page1 = new(TestData.Search("created:>=2026-11-01", 100), UriKind.Relative);

    private static Task<GitHubEmulatorServer> StartAsync(FaultOptions faults)
        => GitHubEmulatorServer.StartAsync(
            new EmulatorOptions { Today = TestData.Today, AuthenticatedRateLimit = 10_000, Faults = faults },
            CancellationToken.None);

    private static FaultOptions Always(FaultKind kind) => new() { Rules = [new FaultRule(kind)] };

    [Theory]
    [InlineData(nameof(FaultKind.InternalServerError), 500)]
    [InlineData(nameof(FaultKind.BadGateway), 502)]
    [InlineData(nameof(FaultKind.ServiceUnavailable), 503)]
    public async Task Search_ServerErrorFault_StatusWithGitHubJson(string kindName, int status)
    {
        var kind = Enum.Parse<FaultKind>(kindName);
        await using var server = await StartAsync(Always(kind));
        using var client = TestData.Client(server.BaseUrl, "t");

        using var response = await client.GetAsync(Page1);
        using var json = await TestData.JsonAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), json.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, server.Stats.CountFault(kind));
        Assert.Equal(1, server.Stats.CountStatus(status));
    }

    [Fact]
    public async Task Search_ConnectionReset_ClientThrows()
    {
        await using var server = await StartAsync(Always(FaultKind.ConnectionReset));
        using var client = TestData.Client(server.BaseUrl, "t");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Page1));
        Assert.Equal(1, server.Stats.CountFault(FaultKind.ConnectionReset));
    }

    [Fact]
    public async Task Search_TruncatedBody_ReadingFails()
    {
        await using var server = await StartAsync(Always(FaultKind.TruncatedBody));
        using var client = TestData.Client(server.BaseUrl, "t");

        using var response = await client.GetAsync(Page1, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await JsonDocument.ParseAsync(stream);
        });
    }

    [Fact]
    public async Task Search_MalformedJson_JsonException()
    {
        await using var server = await StartAsync(Always(FaultKind.MalformedJson));
        using var client = TestData.Client(server.BaseUrl, "t");

        using var response = await client.GetAsync(Page1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<JsonException>(() => TestData.JsonAsync(response));
    }

    [Fact]
    public async Task Search_IncompleteResults_FlagSetItemsServed()
    {
        await using var server = await StartAsync(Always(FaultKind.IncompleteResults));
        using var client = TestData.Client(server.BaseUrl, "t");

        using var response = await client.GetAsync(Page1);
        using var json = await TestData.JsonAsync(response);

        Assert.True(json.RootElement.GetProperty("incomplete_results").GetBoolean());
        Assert.Equal(server.ExpectedRanking("created:>=2026-11-01", 100), TestData.FullNames(json));
    }

    [Fact]
    public async Task Search_SlowBody_StillComplete()
    {
        await using var server = await StartAsync(Always(FaultKind.SlowBody) with { DribbleChunkSize = 64 * 1024, DribbleDelay = TimeSpan.FromMilliseconds(1) });
        using var client = TestData.Client(server.BaseUrl, "t");

        using var response = await client.GetAsync(Page1);
        using var json = await TestData.JsonAsync(response);

        Assert.Equal(server.ExpectedRanking("created:>=2026-11-01", 100), TestData.FullNames(json));
        Assert.Equal(1, server.Stats.CountFault(FaultKind.SlowBody));
    }

    [Fact]
    public async Task Search_SecondaryStorm_429WithRetryAfter()
    {
        await using var server = await GitHubEmulatorServer.StartAsync(
            new EmulatorOptions { Today = TestData.Today, SecondaryStatusCode = 429, SecondaryRetryAfter = TimeSpan.FromSeconds(3), Faults = Always(FaultKind.SecondaryRateLimit) },
            CancellationToken.None);
        using var client = TestData.Client(server.BaseUrl, "t");

        using var response = await client.GetAsync(Page1);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("3", TestData.Header(response, "Retry-After"));
        Assert.Equal("29", TestData.Header(response, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Search_RuleForFirstTwoAttemptsOfPage3_ThenServed()
    {
        await using var server = await StartAsync(new FaultOptions { Rules = [new FaultRule(FaultKind.ServiceUnavailable, Page: 3, Attempts: 2)] });
        using var client = TestData.Client(server.BaseUrl, "t");
        var page3 = new Uri(TestData.Search("stars:>=0", 100, 3), UriKind.Relative);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(page3);
            statuses.Add((int)response.StatusCode);
        }

        using var page2 = await client.GetAsync(new Uri(TestData.Search("stars:>=0", 100, 2), UriKind.Relative));

        Assert.Equal([503, 503, 200], statuses);
        Assert.Equal(HttpStatusCode.OK, page2.StatusCode);
        Assert.Equal(4, server.Stats.CountPage(3) + server.Stats.CountPage(2));
    }

    [Fact]
    public async Task Search_FaultRate_SameSeedSameDecisionsDifferentSeedDiffers()
    {
        static async Task<List<int>> RunAsync(int seed)
        {
            await using var server = await StartAsync(new FaultOptions
            {
                Seed = seed,
                FaultRate = 0.5,
                RandomKinds = [FaultKind.InternalServerError, FaultKind.ServiceUnavailable],
            });
            using var client = TestData.Client(server.BaseUrl, "t");
            var statuses = new List<int>();
            for (var page = 1; page <= 10; page++)
            {
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    using var response = await client.GetAsync(new Uri(TestData.Search("llm", 10, page), UriKind.Relative));
                    statuses.Add((int)response.StatusCode);
                }
            }

            return statuses;
        }

        var first = await RunAsync(42);
        var again = await RunAsync(42);
        var other = await RunAsync(43);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(200, first);
        Assert.Contains(first, s => s >= 500);
    }

    [Fact]
    public async Task Search_Drift_RankingChangesBetweenRequestsButExpectedRankingDoesNot()
    {
        await using var server = await StartAsync(new FaultOptions { Drift = true });
        using var client = TestData.Client(server.BaseUrl, "t");

        using var first = await client.GetAsync(Page1);
        using var firstJson = await TestData.JsonAsync(first);
        using var second = await client.GetAsync(Page1);
        using var secondJson = await TestData.JsonAsync(second);

        Assert.NotEqual(TestData.FullNames(firstJson), TestData.FullNames(secondJson));
        Assert.NotEqual(server.ExpectedRanking("created:>=2026-11-01", 100), TestData.FullNames(firstJson));
        Assert.Equal(2, server.Stats.CountFault(FaultKind.Drift));
    }

    [Fact]
    public async Task Faults_SwappedAtRuntime_ApplyToLaterRequests()
    {
        await using var server = await StartAsync(FaultOptions.None);
        using var client = TestData.Client(server.BaseUrl, "t");

        using var before = await client.GetAsync(Page1);
        server.Faults = Always(FaultKind.BadGateway);
        using var after = await client.GetAsync(Page1);
        server.ResetStats();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, after.StatusCode);
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task Search_LatencyWithJitter_CountedAndServed()
    {
        await using var server = await StartAsync(new FaultOptions { Latency = TimeSpan.FromMilliseconds(20), Jitter = TimeSpan.FromMilliseconds(10) });
        using var client = TestData.Client(server.BaseUrl, "t");

        using var response = await client.GetAsync(Page1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.Stats.CountFault(FaultKind.Latency));
    }

    [Fact]
    public void Decide_LatencyJitter_WithinBoundsAndDeterministic()
    {
        var options = new FaultOptions { Seed = 5, Latency = TimeSpan.FromMilliseconds(200), Jitter = TimeSpan.FromMilliseconds(50) };
        var a = new FaultPlanner();
        var b = new FaultPlanner();

        var delaysA = Enumerable.Range(1, 50).Select(p => a.Decide(options, "llm", 100, p).Delay).ToList();
        var delaysB = Enumerable.Range(1, 50).Select(p => b.Decide(options, "llm", 100, p).Delay).ToList();

        Assert.Equal(delaysA, delaysB);
        Assert.All(delaysA, d => Assert.InRange(d, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(250)));
        Assert.True(delaysA.Distinct().Count() > 10);
    }
}
