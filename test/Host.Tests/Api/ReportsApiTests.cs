using System.Net;
using System.Net.Http.Json;
using System.Text;
using HotRepos.GitHubEmulator;
using HotRepos.Tests.TestSupport;

namespace HotRepos.App.Tests.Api;

public sealed class ReportsApiTests
{
    private static readonly string Date = ApiClient.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task PostReport_Valid_Returns202WithLocationThenSucceedsAndServesTheCsv()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.PostReportAsync(new { period = "week", top = 150, layout = "ranked", date = Date });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.ReadJsonAsync();
        Assert.Matches("^[0-9a-f]{32}$", job.Id());
        Assert.Equal($"/api/reports/{job.Id()}", response.Headers.Location!.OriginalString);
        Assert.Contains(job.State(), (string[])["Queued", "Running", "Succeeded"]);
        Assert.Equal("week", (string?)job["request"]!["period"]);

        var done = await client.WaitForStateAsync(job.Id(), "Succeeded", "Failed");
        Assert.Equal("Succeeded", done.State());
        Assert.Equal($"/api/reports/{job.Id()}/csv", (string?)done["links"]!["csv"]);
        Assert.Equal((int?)done["progress"]!["total"], (int?)done["progress"]!["done"]);

        var csv = await client.GetAsync($"/api/reports/{job.Id()}/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("github-hot-repos-week-2026-11-13-ranked-top150.csv", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        var rows = CsvRows.Read(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(app.Emulator.ExpectedRanking("created:>=2026-11-13", 150), rows.Skip(1).Select(r => r[1]));
    }

    [Fact]
    public async Task PostReport_IdenticalRequests_ReturnTheSameJob()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();
        var body = new { period = "day", top = 50, date = Date };

        var first = await (await client.PostReportAsync(body)).ReadJsonAsync();
        await client.WaitForStateAsync(first.Id(), "Succeeded");
        var again = await client.PostReportAsync(body);
        var forced = await (await client.PostReportAsync(new { period = "day", top = 50, date = Date, force = true })).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(first.Id(), (await again.ReadJsonAsync()).Id());
        Assert.NotEqual(first.Id(), forced.Id());
    }

    [Theory]
    [InlineData("""{"period":"weekly"}""", "period")]
    [InlineData("""{"top":0}""", "top")]
    [InlineData("""{"top":1001,"groupBy":"stars"}""", "groupBy,top")]
    [InlineData("""{"layout":"wide"}""", "layout")]
    [InlineData("""{"since":"2026-13-01"}""", "since")]
    [InlineData("""{"date":"2999-01-01"}""", "date")]
    [InlineData("""{"topic":"Machine Learning"}""", "topic")]
    [InlineData("""{"minStars":-1}""", "minStars")]
    [InlineData("""{"top":"many"}""", "top")]
    [InlineData("""{"force":"yes"}""", "force")]
    [InlineData("""{"colour":"red"}""", "colour")]
    [InlineData("""{"period":"week",""", "body")]
    [InlineData("""[1,2,3]""", "body")]
    [InlineData("""null""", "body")]
    public async Task PostReport_InvalidBody_Returns400ProblemNamingEachField(string json, string fields)
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/reports", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fields.Split(','), (await response.ReadJsonAsync()).ErrorFields());
        Assert.Equal(0, app.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task PostReport_OversizedBody_Returns413()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();
        var json = $$"""{"language":"{{new string('a', 40_000)}}"}""";

        var response = await client.PostAsync("/api/reports", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostReport_NotJson_Returns415()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/reports", new StringContent("period=week", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task PostReport_QueueFull_Returns503WithRetryAfter()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await HotReposApplication.StartAsync(
            o => o with { Faults = new FaultOptions { Gate = gate.Task } },
            new Dictionary<string, string?> { ["HotRepos:Jobs:QueueCapacity"] = "1", ["HotRepos:Jobs:MaxConcurrentJobs"] = "1" });
        using var client = app.CreateClient();
        var running = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(running.Id(), "Running");
        await client.PostReportAsync(new { top = 11, date = Date });

        var refused = await client.PostReportAsync(new { top = 12, date = Date });

        gate.SetResult();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter!.Delta);
        Assert.Equal(2, (await client.GetFromJsonAsync<List<object>>("/api/reports?limit=50"))!.Count);
    }

    [Fact]
    public async Task PostReport_TooManyFromOneClient_Returns429()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?> { ["HotRepos:Api:CreatePerMinute"] = "2" });
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            statuses.Add((await client.PostReportAsync(new { top = i, date = Date })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task PostAndDelete_ApiKeyConfigured_RequireTheKey()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?> { ["HotRepos:Api:Key"] = "s3cret" });
        using var client = app.CreateClient();

        var withoutKey = await client.PostReportAsync(new { top = 5, date = Date });
        var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(new { top = 5, date = Date }) };
        wrongKey.Headers.Add("X-Api-Key", "guess");
        var withWrongKey = await client.SendAsync(wrongKey);
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        var withKey = await client.PostReportAsync(new { top = 5, date = Date });
        using var anonymous = app.CreateClient();
        var deleteWithoutKey = await anonymous.DeleteAsync($"/api/reports/{(await withKey.ReadJsonAsync()).Id()}");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, deleteWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/reports")).StatusCode);
    }

    [Theory]
    [InlineData("/api/reports/0123456789abcdef0123456789abcdef")]
    [InlineData("/api/reports/not-an-id")]
    [InlineData("/api/reports/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/reports/0123456789abcdef0123456789abcdef/csv")]
    [InlineData("/api/reports/..%2Fsecret/csv")]
    public async Task Get_UnknownOrMalformedId_Returns404Problem(string path)
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetCsv_WhileRunning_Returns409()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await HotReposApplication.StartAsync(o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        using var client = app.CreateClient();
        var job = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(job.Id(), "Running");

        var response = await client.GetAsync($"/api/reports/{job.Id()}/csv");

        gate.SetResult();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Running", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RunningJob_Returns202AndTheJobEndsCancelledWithoutAFile()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await HotReposApplication.StartAsync(o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        using var client = app.CreateClient();
        var job = await (await client.PostReportAsync(new { top = 300, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(job.Id(), "Running");

        var response = await client.DeleteAsync($"/api/reports/{job.Id()}");
        var cancelled = await client.WaitForStateAsync(job.Id(), "Cancelled", "Succeeded", "Failed");
        var again = await client.DeleteAsync($"/api/reports/{job.Id()}");

        gate.SetResult();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Cancelled", cancelled.State());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(app.OutputDirectory));
    }

    [Fact]
    public async Task Delete_UnknownJob_Returns404()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.DeleteAsync("/api/reports/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_FilterAndLimit_ReturnsNewestFirst()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();
        var ids = new List<string>();
        for (var top = 1; top <= 3; top++)
        {
            var job = await (await client.PostReportAsync(new { top, date = Date })).ReadJsonAsync();
            ids.Add(job.Id());
            await client.WaitForStateAsync(job.Id(), "Succeeded");
        }

        var listed = (await (await client.GetAsync("/api/reports?state=succeeded&limit=2")).Content.ReadFromJsonAsync<List<System.Text.Json.Nodes.JsonObject>>())!;

        Assert.Equal([ids[2], ids[1]], listed.Select(j => j.Id()));
    }

    [Theory]
    [InlineData("?state=done", "state")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1000&state=1", "limit,state")]
    public async Task List_InvalidQuery_Returns400NamingTheParameter(string query, string fields)
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/reports" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields.Split(','), (await response.ReadJsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task List_LimitNotANumber_Returns400()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/reports?limit=ten");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostReport_GitHubRejectsTheToken_JobFailsWithTheReason()
    {
        await using var app = await HotReposApplication.StartAsync(
            o => o with { ValidTokens = ["good"] },
            new Dictionary<string, string?> { ["HotRepos:GitHub:Token"] = "bad" });
        using var client = app.CreateClient();

        var job = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        var failed = await client.WaitForStateAsync(job.Id(), "Failed", "Succeeded");

        Assert.Equal("Failed", failed.State());
        Assert.StartsWith("invalid token (401)", (string?)failed["error"], StringComparison.Ordinal);
        Assert.Null((string?)failed["links"]!["csv"]);
    }
}
