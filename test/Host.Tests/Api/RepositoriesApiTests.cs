using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace HotRepos.App.Tests.Api;

/// <summary>The snapshot endpoints on the real service: a report's repositories, rising, history.</summary>
public sealed class RepositoriesApiTests(TwoSnapshotsFixture fixture) : IClassFixture<TwoSnapshotsFixture>
{
    private string Second => fixture.SecondJob.Id();

    [Fact]
    public async Task GetJob_Succeeded_LinksToItsRepositories()
    {
        Assert.Equal($"/api/reports/{Second}/repositories", (string?)fixture.SecondJob["links"]!["repositories"]);
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync((string?)fixture.SecondJob["links"]!["repositories"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetRepositories_NoQuery_ReturnsTheFirst50InRankOrderWithTotalAndEveryField()
    {
        var page = await GetPageAsync($"/api/reports/{Second}/repositories");

        var items = Items(page);
        Assert.Equal(TwoSnapshotsFixture.Top, (int)page["total"]!);
        Assert.Equal(50, items.Count);
        Assert.Equal(Enumerable.Range(1, 50), items.Select(i => (int)i["rank"]!));
        var expected = fixture.App.Emulator.ExpectedRanking("created:>=2026-11-13", TwoSnapshotsFixture.Top);
        Assert.Equal(expected.Take(50), items.Select(i => (string)i["fullName"]!));
        var first = items[0];
        var source = fixture.App.Emulator.Catalog.Single(r => r.Id == (long)first["id"]!);
        Assert.Equal($"https://github.com/{source.FullName}", (string?)first["htmlUrl"]);
        Assert.Equal(source.Stargazers, (int)first["stars"]!);
        Assert.Equal(source.Forks, (int)first["forks"]!);
        Assert.Equal(source.OpenIssues, (int)first["openIssues"]!);
        Assert.Equal(source.Description, (string?)first["description"]);
        Assert.Equal(source.Language, (string?)first["language"]);
        Assert.Equal(source.Topics, first["topics"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(source.CreatedAt, DateTimeOffset.Parse((string)first["createdAt"]!, CultureInfo.InvariantCulture));
        Assert.Null(first["since"]);
    }

    [Fact]
    public async Task GetRepositories_SecondSnapshot_GivesExactGainsAndNullForNoEarlierSnapshot()
    {
        var second = Items(await GetPageAsync($"/api/reports/{Second}/repositories?limit=200"));
        var first = Items(await GetPageAsync($"/api/reports/{fixture.FirstJob}/repositories?limit=200"));

        Assert.All(first, i => Assert.Null((int?)i["starsGained"]));
        Assert.All(first, i => Assert.Null((double?)i["starsPerDay"]));
        var earlier = first.ToDictionary(i => (long)i["id"]!, i => (int)i["stars"]!);
        foreach (var item in second)
        {
            var id = (long)item["id"]!;
            var gain = fixture.Gains.GetValueOrDefault(id);
            Assert.Equal(earlier.ContainsKey(id) ? gain : null, (int?)item["starsGained"]);
            Assert.Equal(earlier.ContainsKey(id) ? gain : null, (double?)item["starsPerDay"]);
        }
    }

    [Theory]
    [InlineData("offset=0&limit=1", 1, 1)]
    [InlineData("offset=149&limit=200", 1, 150)]
    [InlineData("offset=150", 0, 0)]
    [InlineData("offset=100000", 0, 0)]
    [InlineData("limit=200", 150, 1)]
    [InlineData("offset=40&limit=10", 10, 41)]
    public async Task GetRepositories_Paging_ReturnsTheWindowAndTheFullTotal(string query, int count, int firstRank)
    {
        var page = await GetPageAsync($"/api/reports/{Second}/repositories?{query}");

        var items = Items(page);
        Assert.Equal(TwoSnapshotsFixture.Top, (int)page["total"]!);
        Assert.Equal(count, items.Count);
        if (count > 0)
        {
            Assert.Equal(firstRank, (int)items[0]["rank"]!);
        }
    }

    [Theory]
    [InlineData("rank", null)]
    [InlineData("rank", "desc")]
    [InlineData("stars", null)]
    [InlineData("stars", "asc")]
    [InlineData("gained", null)]
    [InlineData("gained", "asc")]
    [InlineData("name", null)]
    [InlineData("name", "desc")]
    [InlineData("created", null)]
    [InlineData("created", "asc")]
    public async Task GetRepositories_EverySort_OrdersByItsKeyThenRank(string sort, string? order)
    {
        var url = $"/api/reports/{Second}/repositories?limit=200&sort={sort.ToUpperInvariant()}" + (order is null ? "" : $"&order={order}");

        var items = Items(await GetPageAsync(url));

        Assert.Equal(TwoSnapshotsFixture.Top, items.Count);
        var descending = order is null ? sort is "stars" or "gained" or "created" : order == "desc";
        var expected = sort switch
        {
            "stars" => Sorted(items, i => (int)i["stars"]!, descending),
            "gained" => Sorted(items.OrderBy(i => i["starsGained"] is null), i => (int?)i["starsGained"] ?? 0, descending),
            "name" => descending
                ? items.OrderByDescending(i => (string)i["fullName"]!, StringComparer.OrdinalIgnoreCase)
                : items.OrderBy(i => (string)i["fullName"]!, StringComparer.OrdinalIgnoreCase),
            "created" => Sorted(items, i => DateTimeOffset.Parse((string)i["createdAt"]!, CultureInfo.InvariantCulture), descending),
            _ => Sorted(items, i => (int)i["rank"]!, descending),
        };
        Assert.Equal(expected.ThenBy(i => (int)i["rank"]!).Select(i => (long)i["id"]!), items.Select(i => (long)i["id"]!));
        if (sort == "gained")
        {
            // Movers first (or last, ascending among those with a gain), repositories without an earlier snapshot always last.
            var gains = items.Select(i => (int?)i["starsGained"]).ToList();
            Assert.Equal(gains.Where(g => g is not null), gains.TakeWhile(g => g is not null));
            Assert.Equal(descending ? 50 : 0, gains[0]);
        }
    }

    [Fact]
    public async Task GetRepositories_GroupAndSearch_FilterBeforePagingAndTotalCountsTheMatches()
    {
        var all = Items(await GetPageAsync($"/api/reports/{Second}/repositories?limit=200"));
        var language = all.Select(i => (string?)i["language"]).First(l => l is not null)!;
        var term = ((string)all[5]["fullName"]!).Split('/')[1][..3];

        var group = await GetPageAsync($"/api/reports/{Second}/repositories?limit=200&group={Uri.EscapeDataString(language.ToUpperInvariant())}");
        var unknown = await GetPageAsync($"/api/reports/{Second}/repositories?limit=200&group=unknown");
        var search = await GetPageAsync($"/api/reports/{Second}/repositories?limit=200&q={Uri.EscapeDataString(term.ToUpperInvariant())}");

        Assert.Equal(all.Count(i => (string?)i["language"] == language), (int)group["total"]!);
        Assert.All(Items(group), i => Assert.Equal(language, (string?)i["language"]));
        Assert.Equal(all.Count(i => i["language"] is null), (int)unknown["total"]!);
        var matching = all.Where(i =>
            ((string)i["fullName"]!).Contains(term, StringComparison.OrdinalIgnoreCase)
            || (((string?)i["description"])?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false)
            || i["topics"]!.AsArray().Any(t => ((string)t!).Contains(term, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(matching.Select(i => (long)i["id"]!), Items(search).Select(i => (long)i["id"]!));
        Assert.Equal(Items(search).Count, (int)search["total"]!);
    }

    [Theory]
    [InlineData("repositories", "sort=hot", "sort")]
    [InlineData("repositories", "order=up", "order")]
    [InlineData("repositories", "offset=-1", "offset")]
    [InlineData("repositories", "offset=x", "offset")]
    [InlineData("repositories", "limit=0", "limit")]
    [InlineData("repositories", "limit=201", "limit")]
    [InlineData("repositories", "limit=abc", "limit")]
    [InlineData("repositories", "limit=1.5", "limit")]
    [InlineData("rising", "period=year", "period")]
    [InlineData("rising", "period=1", "period")]
    [InlineData("rising", "top=0", "top")]
    [InlineData("rising", "top=201", "top")]
    [InlineData("rising", "top=ten", "top")]
    public async Task GetRepositoriesOrRising_BadParameter_Returns400NamingTheField(string endpoint, string query, string field)
    {
        using var client = fixture.App.CreateClient();
        var path = endpoint == "rising" ? "/api/rising" : $"/api/reports/{Second}/repositories";

        var response = await client.GetAsync($"{path}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], (await response.ReadJsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task GetRepositories_UnknownId_Returns404()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync("/api/reports/0123456789abcdef0123456789abcdef/repositories");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetRising_Month_RanksTheMoversByStarsPerDayWithTheEarlierSnapshotTime()
    {
        var items = Items(await GetPageAsync("/api/rising?period=month&top=200"));

        Assert.Equal(fixture.Gains.OrderByDescending(g => g.Value).Select(g => g.Key), items.Take(5).Select(i => (long)i["id"]!));
        Assert.Equal([50.0, 40.0, 30.0, 20.0, 10.0], items.Take(5).Select(i => (double)i["starsPerDay"]!));
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => (int)i["rank"]!));
        Assert.All(items, i => Assert.Equal(TwoSnapshotsFixture.FirstObserved, DateTimeOffset.Parse((string)i["since"]!, CultureInfo.InvariantCulture)));
        Assert.All(items.Skip(5), i => Assert.Equal(0, (int)i["starsGained"]!));
    }

    [Fact]
    public async Task GetRising_DefaultWeek_HoldsOnlyRepositoriesCreatedInTheLastSevenDaysAndAtMost25()
    {
        var items = Items(await GetPageAsync("/api/rising"));

        Assert.Equal(25, items.Count);

        // The fake clock reads 2026-11-21: a week back is 2026-11-14.
        Assert.All(items, i => Assert.True(DateTimeOffset.Parse((string)i["createdAt"]!, CultureInfo.InvariantCulture) >= new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task GetRising_LanguageAndTopicAndTop_Filter()
    {
        var all = Items(await GetPageAsync("/api/rising?period=month&top=200"));
        var language = all.Select(i => (string?)i["language"]).First(l => l is not null)!;
        var topic = all.SelectMany(i => i["topics"]!.AsArray().Select(t => (string)t!)).First();

        var byLanguage = Items(await GetPageAsync($"/api/rising?period=month&top=200&language={Uri.EscapeDataString(language.ToLowerInvariant())}"));
        var byTopic = Items(await GetPageAsync($"/api/rising?period=month&top=200&topic={Uri.EscapeDataString(topic)}"));
        var two = Items(await GetPageAsync("/api/rising?period=month&top=2"));

        Assert.Equal(all.Where(i => (string?)i["language"] == language).Select(i => (long)i["id"]!), byLanguage.Select(i => (long)i["id"]!));
        Assert.Equal(all.Where(i => i["topics"]!.AsArray().Any(t => (string)t! == topic)).Select(i => (long)i["id"]!), byTopic.Select(i => (long)i["id"]!));
        Assert.Equal(all.Take(2).Select(i => (long)i["id"]!), two.Select(i => (long)i["id"]!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetHistory_RenamedRepository_OldAndNewNameGiveItsWholeHistoryOldestFirst(bool oldName)
    {
        var renamed = fixture.Renamed;
        var name = oldName ? renamed.FullName : $"{renamed.OwnerLogin}/{TwoSnapshotsFixture.NewName}";

        var history = await GetPageAsync($"/api/repositories/{name}/history");

        Assert.Equal(renamed.Id, (long)history["id"]!);
        Assert.Equal($"{renamed.OwnerLogin}/{TwoSnapshotsFixture.NewName}", (string?)history["fullName"]);
        var points = history["points"]!.AsArray().Select(p => (DateTimeOffset.Parse((string)p!["observedAt"]!, CultureInfo.InvariantCulture), (int)p["stars"]!)).ToList();
        Assert.Equal([(TwoSnapshotsFixture.FirstObserved, renamed.Stargazers), (TwoSnapshotsFixture.FirstObserved.AddDays(1), renamed.Stargazers + fixture.Gains[renamed.Id])], points);
    }

    [Fact]
    public async Task GetHistory_NeverSeen_Returns404()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync("/api/repositories/nobody/nothing/history");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static IOrderedEnumerable<JsonObject> Sorted<TKey>(IEnumerable<JsonObject> items, Func<JsonObject, TKey> key, bool descending) =>
        descending ? items.OrderByDescending(key) : items.OrderBy(key);

    private static IOrderedEnumerable<JsonObject> Sorted<TKey>(IOrderedEnumerable<JsonObject> items, Func<JsonObject, TKey> key, bool descending) =>
        descending ? items.ThenByDescending(key) : items.ThenBy(key);

    private static List<JsonObject> Items(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!.AsObject())];

    private async Task<JsonObject> GetPageAsync(string url)
    {
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
