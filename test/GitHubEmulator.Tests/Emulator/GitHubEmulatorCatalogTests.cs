using System.Net;

namespace HotRepos.GitHubEmulator.Tests.Emulator;

public sealed class GitHubEmulatorCatalogTests
{
    private const string Query = "created:>=2026-11-20";

    [Fact]
    public async Task UpdateCatalog_StarsMovedAndRepositoryRenamed_NextSearchServesNewCountsAndNameUnderTheSameId()
    {
        await using var server = await GitHubEmulatorServer.StartAsync(
            new EmulatorOptions { Today = TestData.Today, AuthenticatedRateLimit = 100_000, AnonymousRateLimit = 100_000 },
            CancellationToken.None);
        var before = server.ExpectedRanking(Query, 20);
        var tenth = server.Catalog.Single(r => r.FullName == before[9]);
        var top = server.Catalog.Single(r => r.FullName == before[0]);

        server.UpdateCatalog(catalog => [.. catalog.Select(r => r.Id == tenth.Id ? r with { Name = "renamed", Stargazers = top.Stargazers + 1000 } : r)]);

        using var client = TestData.Client(server.BaseUrl, "t");
        using var response = await client.GetAsync(new Uri(TestData.Search(Query, 20), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await TestData.JsonAsync(response);
        var first = json.RootElement.GetProperty("items")[0];
        Assert.Equal(tenth.Id, first.GetProperty("id").GetInt64());
        Assert.Equal($"{tenth.OwnerLogin}/renamed", first.GetProperty("full_name").GetString());
        Assert.Equal(top.Stargazers + 1000, first.GetProperty("stargazers_count").GetInt32());
        Assert.Equal(before[0], TestData.FullNames(json)[1]);
    }
}
