using System.Net;
using System.Text.Json.Nodes;

namespace HotRepos.App.Tests.Api;

public sealed class ServiceApiTests
{
    [Fact]
    public async Task GetSchedules_ListsEachScheduleWithItsNextRun()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?>
        {
            ["HotRepos:Schedules:nightly:Enabled"] = "true",
        });
        using var client = app.CreateClient();

        var schedules = JsonNode.Parse(await client.GetStringAsync("/api/schedules"))!.AsArray();

        var nightly = schedules.Single(s => (string?)s!["name"] == "nightly")!;
        Assert.Equal("0 0 * * *", (string?)nightly["cron"]);
        Assert.Equal("day", (string?)nightly["period"]);
        var next = DateTimeOffset.Parse((string)nightly["nextRun"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, next.TimeOfDay);
        Assert.Null((string?)schedules.Single(s => (string?)s!["name"] == "weekly")!["nextRun"]);
    }

    [Fact]
    public async Task GetHealth_StoreAndWorkerRunning_Returns200Healthy()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.ReadJsonAsync();
        Assert.Equal("healthy", (string?)health["status"]);
        Assert.Equal("running", (string?)health["worker"]);
    }

    [Fact]
    public async Task GetOpenApi_DescribesTheReportEndpoints()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/reports", paths);
        Assert.Contains("/api/reports/{id}", paths);
        Assert.Contains("/api/reports/{id}/csv", paths);
        Assert.Contains("/api/schedules", paths);
    }

    [Fact]
    public async Task GetRoot_ServesThePageWithTheGenerateButton()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/");

        Assert.Contains("Generate report", page, StringComparison.Ordinal);
        Assert.Contains("app.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.js")).StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
