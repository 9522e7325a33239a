using System.Net;
using HotRepos.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.App.Tests.Api;

/// <summary>A report's repositories while it has none: failed (409) and removed by retention (410). One service per test.</summary>
public sealed class RepositoriesApiStateTests
{
    private static readonly string Date = ApiClient.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GetRepositories_FailedJob_Returns409()
    {
        await using var app = await HotReposApplication.StartAsync(
            o => o with { ValidTokens = ["good"] },
            new Dictionary<string, string?> { ["HotRepos:GitHub:Token"] = "bad" });
        using var client = app.CreateClient();
        var job = (await (await client.PostReportAsync(new { period = "day", top = 10, date = Date })).ReadJsonAsync()).Id();
        var failed = await client.WaitForStateAsync(job, "Failed", "Succeeded");

        var response = await client.GetAsync($"/api/reports/{job}/repositories");

        Assert.Equal("Failed", failed.State());
        Assert.Null(failed["links"]!["repositories"]);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetRepositories_SnapshotRemovedByRetention_Returns410()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();
        var job = (await (await client.PostReportAsync(new { period = "day", top = 10, date = Date })).ReadJsonAsync()).Id();
        await client.WaitForStateAsync(job, "Succeeded");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/reports/{job}/repositories")).StatusCode);

        await app.Services.GetRequiredService<IRepositorySnapshots>().DeleteSnapshotsBeforeAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        var response = await client.GetAsync($"/api/reports/{job}/repositories");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("SnapshotRetentionDays", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }
}
