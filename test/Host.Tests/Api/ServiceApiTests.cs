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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetOpenApi_EveryOperation_DocumentsItsStatusesAndSchemas(bool requireKey)
    {
        var settings = requireKey
            ? new Dictionary<string, string?> { ["HotRepos:Api:Key"] = "s3cret", ["HotRepos:Api:RequireKeyForReads"] = "true" }
            : null;
        await using var app = await HotReposApplication.StartAsync(settings: settings);
        using var client = app.CreateClient();
        string[] unauthorized = requireKey ? ["401"] : [];
        var expected = new Dictionary<(string Path, string Method), string[]>
        {
            [("/api/reports", "post")] = ["202", "400", "413", "415", "429", "503", .. unauthorized],
            [("/api/reports", "get")] = ["200", "400", .. unauthorized],
            [("/api/reports/{id}", "get")] = ["200", "404", .. unauthorized],
            [("/api/reports/{id}", "delete")] = ["202", "404", "409", .. unauthorized],
            [("/api/reports/{id}/csv", "get")] = ["200", "404", "409", .. unauthorized],
            [("/api/schedules", "get")] = ["200", .. unauthorized],
            [("/healthz", "get")] = ["200", "503"],
        };

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        foreach (var ((path, method), statuses) in expected)
        {
            var operation = document["paths"]![path]![method]!;
            var responses = operation["responses"]!.AsObject();
            Assert.Equal(statuses.Order(StringComparer.Ordinal), responses.Select(r => r.Key).Order(StringComparer.Ordinal));
            foreach (var (status, response) in responses.Where(r => r.Key[0] != '2' && path != "/healthz"))
            {
                var problem = response!["content"]!["application/problem+json"]!["schema"]!;
                var reference = (string)problem["$ref"]!;
                Assert.EndsWith(status == "400" ? "HttpValidationProblemDetails" : "ProblemDetails", reference, StringComparison.Ordinal);
            }
        }

        var body = document["paths"]!["/api/reports"]!["post"]!["requestBody"]!;
        Assert.True((bool?)body["required"]);
        var bodySchema = Resolve(document, body["content"]!["application/json"]!["schema"]!);
        Assert.Equal(
            ["date", "force", "groupBy", "language", "layout", "minStars", "period", "since", "top", "topic"],
            bodySchema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        var created = Resolve(document, document["paths"]!["/api/reports"]!["post"]!["responses"]!["202"]!["content"]!["application/json"]!["schema"]!);
        Assert.Contains("progress", created["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(requireKey, document["components"]?["securitySchemes"]?["ApiKey"] is not null);
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"] is { } reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]! : schema;

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
