using System.Text.Json;
using HotRepos.Sample;

namespace HotRepos.GitHubEmulator.Tests.Sample;

public sealed class GitHubSearchResponseWriterTests
{
    private static readonly IReadOnlyList<SampleRepository> Catalog = SampleCatalog.Create(TestData.Today);

    private static JsonDocument Write(IReadOnlyList<SampleRepository> items, bool incomplete = false)
    {
        using var stream = new MemoryStream();
        GitHubSearchResponseWriter.WriteSearchResponse(stream, "https://api.github.com", 4242, incomplete, items);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static HashSet<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void WriteSearchResponse_Item_HasEveryKeyOfRealFixture()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "search-repositories-2021-real.json")));
        var fixtureItem = fixture.RootElement.GetProperty("items")[0];
        using var written = Write([Catalog.First(r => r.License is not null)]);
        var item = written.RootElement.GetProperty("items")[0];

        Assert.Equal(Keys(fixture.RootElement), Keys(written.RootElement));
        Assert.Subset(Keys(item), Keys(fixtureItem));
        Assert.Equal(Keys(fixtureItem.GetProperty("owner")), Keys(item.GetProperty("owner")));
        Assert.Subset(Keys(item.GetProperty("license")), Keys(fixtureItem.GetProperty("license")));
        Assert.Contains("topics", Keys(item));
        Assert.Equal("public", item.GetProperty("visibility").GetString());
    }

    [Fact]
    public void WriteSearchResponse_Values_MatchRepository()
    {
        var repository = Catalog.First(r => r.License is null && r.Homepage is null && r.Topics.Count > 0);
        using var written = Write([repository], incomplete: true);
        var root = written.RootElement;
        var item = root.GetProperty("items")[0];

        Assert.Equal(4242, root.GetProperty("total_count").GetInt32());
        Assert.True(root.GetProperty("incomplete_results").GetBoolean());
        Assert.Equal(repository.Id, item.GetProperty("id").GetInt64());
        Assert.Equal(repository.FullName, item.GetProperty("full_name").GetString());
        Assert.Equal(repository.Stargazers, item.GetProperty("stargazers_count").GetInt32());
        Assert.Equal(repository.Stargazers, item.GetProperty("watchers").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("license").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("homepage").ValueKind);
        Assert.Equal(repository.Topics, item.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal(repository.CreatedAt, item.GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal($"https://api.github.com/repos/{repository.FullName}/issues{{/number}}", item.GetProperty("issues_url").GetString());
        Assert.Equal($"https://api.github.com/users/{repository.OwnerLogin}/starred{{/owner}}{{/repo}}", item.GetProperty("owner").GetProperty("starred_url").GetString());
        Assert.Equal(1.0, item.GetProperty("score").GetDouble());
    }

    [Fact]
    public void WriteSearchResponse_HostileDescriptions_RoundTripExactly()
    {
        var hostile = Catalog.Where(r => r.Description is not null && SampleCatalog.HostileDescriptions.Contains(r.Description)).ToList();
        using var written = Write(hostile);

        Assert.Equal(SampleCatalog.HostileDescriptions.Length, hostile.Select(r => r.Description).Distinct().Count());
        Assert.Equal(hostile.Select(r => r.Description), written.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("description").GetString()));
    }

    [Fact]
    public void WriteError_ValidationFailed_GitHubShape()
    {
        using var doc = JsonDocument.Parse(GitHubSearchResponseWriter.ErrorBytes(GitHubError.ValidationFailed("bad q")));
        var root = doc.RootElement;

        Assert.Equal("Validation Failed", root.GetProperty("message").GetString());
        Assert.Equal("422", root.GetProperty("status").GetString());
        Assert.Equal("https://docs.github.com/v3/search/", root.GetProperty("documentation_url").GetString());
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal("bad q", error.GetProperty("message").GetString());
        Assert.Equal("invalid", error.GetProperty("code").GetString());
    }
}
