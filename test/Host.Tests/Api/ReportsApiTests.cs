using System.Net;
using System.Net.Http.Json;
using System.Text;
using HotRepos.App.Tests.TestSupport;
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
    [InlineData("""{"top":10001,"groupBy":"stars"}""", "groupBy,top")]
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
    public async Task PostReport_TooManyFromOneClient_Returns429ProblemWithTypeAndRetryAfter()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?> { ["HotRepos:Api:CreatePerMinute"] = "2" });
        using var client = app.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 1; i <= 3; i++)
        {
            responses.Add(await client.PostReportAsync(new { top = i, date = Date }));
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        var refused = responses[2];
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter!.Delta);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal(429, (int?)problem["status"]);
        Assert.StartsWith("https://", (string?)problem["type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReport_WithoutTheKey_DoesNotUseTheClientsCreateQuota()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?>
        {
            ["HotRepos:Api:Key"] = "s3cret",
            ["HotRepos:Api:CreatePerMinute"] = "2",
        });
        using var anonymous = app.CreateClient();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");

        var refused = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            refused.Add((await anonymous.PostReportAsync(new { top = i, date = Date })).StatusCode);
        }

        var accepted = new List<HttpStatusCode>();
        for (var i = 1; i <= 2; i++)
        {
            accepted.Add((await client.PostReportAsync(new { top = i, date = Date })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], refused);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], accepted);
    }

    [Fact]
    public async Task PostReport_ForwardedForFromKnownProxy_LimitsEachClientByItsOwnAddress()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?>
        {
            ["HotRepos:Api:CreatePerMinute"] = "1",
            ["HotRepos:Api:KnownProxies:0"] = "127.0.0.1",
        });
        using var client = app.CreateClient();

        var first = await PostForwardedAsync(client, "203.0.113.1", top: 1);
        var second = await PostForwardedAsync(client, "203.0.113.2", top: 2);
        var firstAgain = await PostForwardedAsync(client, "203.0.113.1", top: 3);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], [first, second, firstAgain]);
    }

    [Fact]
    public async Task PostReport_ForwardedForFromAnAddressNotConfigured_IsIgnored()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?> { ["HotRepos:Api:CreatePerMinute"] = "1" });
        using var client = app.CreateClient();

        var first = await PostForwardedAsync(client, "203.0.113.1", top: 1);
        var spoofed = await PostForwardedAsync(client, "203.0.113.2", top: 2);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], [first, spoofed]);
    }

    [Fact]
    public async Task Start_KnownProxyNotAnAddress_FailsNamingTheOption()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?> { ["HotRepos:Api:KnownProxies:0"] = "proxy.local" });
        });

        Assert.Contains("KnownProxies", error.Message, StringComparison.Ordinal);
        Assert.Contains("proxy.local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_RequireKeyForReads_NeedTheKeyButHealthAndOpenApiStayOpen()
    {
        await using var app = await HotReposApplication.StartAsync(settings: new Dictionary<string, string?>
        {
            ["HotRepos:Api:Key"] = "s3cret",
            ["HotRepos:Api:RequireKeyForReads"] = "true",
        });
        using var anonymous = app.CreateClient();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        var job = await (await client.PostReportAsync(new { top = 5, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(job.Id(), "Succeeded");
        string[] reads = ["/api/reports", $"/api/reports/{job.Id()}", $"/api/reports/{job.Id()}/csv", "/api/schedules"];

        var withoutKey = new List<HttpStatusCode>();
        var withKey = new List<HttpStatusCode>();
        foreach (var path in reads)
        {
            withoutKey.Add((await anonymous.GetAsync(path)).StatusCode);
            withKey.Add((await client.GetAsync(path)).StatusCode);
        }

        Assert.All(withoutKey, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.All(withKey, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task GetReport_CsvCannotBeWritten_ErrorNamesTheFileButNotTheServerPath()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();
        var body = new { top = 5, layout = "ranked", date = Date };
        var first = await client.WaitForStateAsync((await (await client.PostReportAsync(body)).ReadJsonAsync()).Id(), "Succeeded");
        var fileName = (string)first["result"]!["fileName"]!;

        // A folder where the CSV goes: the final rename fails, whoever runs the tests (root included).
        File.Delete(Path.Combine(app.OutputDirectory, fileName));
        Directory.CreateDirectory(Path.Combine(app.OutputDirectory, fileName));
        var job = await (await client.PostReportAsync(new { top = 5, layout = "ranked", date = Date, force = true })).ReadJsonAsync();
        var failed = await client.WaitForStateAsync(job.Id(), "Failed", "Succeeded");
        var listed = (await (await client.GetAsync("/api/reports?state=failed")).Content.ReadFromJsonAsync<List<System.Text.Json.Nodes.JsonObject>>())!.Single();

        Assert.Equal("Failed", failed.State());
        foreach (var error in new[] { (string)failed["error"]!, (string)listed["error"]! })
        {
            Assert.Contains(fileName, error, StringComparison.Ordinal);
            Assert.DoesNotContain(app.OutputDirectory, error, StringComparison.Ordinal);
            Assert.DoesNotContain("/", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("FFFFFFFFFFFFFFFFFF")]
    public async Task PostReport_MalformedChunkedBody_Returns400Problem(string chunkSize)
    {
        await using var app = await HotReposApplication.StartAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = "POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + chunkSize + "\r\n{\"top\":5}\r\n0\r\n\r\n";

        var answer = await RawHttp.SendAsync(app.Address, request, deadline.Token);

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"body\"", answer, StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task PostReport_WithoutPeriod_EchoesTheEffectivePeriodWeek()
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var job = await (await client.PostReportAsync(new { top = 5, date = Date })).ReadJsonAsync();

        Assert.Equal("week", (string?)job["request"]!["period"]);
        Assert.Equal("week", (string?)(await client.GetJobAsync(job.Id()))["request"]!["period"]);
    }

    [Fact]
    public async Task GetReport_RunningBeforeItsFirstPage_ShowsZeroOfThePlannedPages()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await HotReposApplication.StartAsync(o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        using var client = app.CreateClient();
        var job = await (await client.PostReportAsync(new { top = 300, date = Date })).ReadJsonAsync();

        var running = await client.WaitForStateAsync(job.Id(), "Running");

        gate.SetResult();
        Assert.Equal(0, (int?)running["progress"]!["done"]);
        Assert.Equal(3, (int?)running["progress"]!["total"]);
    }

    [Fact]
    public async Task GetCsv_FailedJob_Returns409SayingItFailedAndHasNoCsv()
    {
        await using var app = await HotReposApplication.StartAsync(
            o => o with { ValidTokens = ["good"] },
            new Dictionary<string, string?> { ["HotRepos:GitHub:Token"] = "bad" });
        using var client = app.CreateClient();
        var job = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(job.Id(), "Failed");

        var response = await client.GetAsync($"/api/reports/{job.Id()}/csv");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (string)(await response.ReadJsonAsync())["detail"]!;
        Assert.Contains("failed", detail, StringComparison.Ordinal);
        Assert.Contains("no CSV", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("once it has succeeded", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCsv_CancelledJob_Returns409SayingItWasCancelledAndHasNoCsv()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await HotReposApplication.StartAsync(o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        using var client = app.CreateClient();
        var job = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(job.Id(), "Running");
        await client.DeleteAsync($"/api/reports/{job.Id()}");
        await client.WaitForStateAsync(job.Id(), "Cancelled");

        var response = await client.GetAsync($"/api/reports/{job.Id()}/csv");

        gate.SetResult();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (string)(await response.ReadJsonAsync())["detail"]!;
        Assert.Contains("cancelled", detail, StringComparison.Ordinal);
        Assert.Contains("no CSV", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("once it has succeeded", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReport_PagesHeldForTheQuotaReset_ShowsWaitingUntilThenNullOnceCancelled()
    {
        var quota = new QuotaAhead(Limit: 1);
        await using var app = await HotReposApplication.StartAsync(quota.Apply);
        using var client = app.CreateClient();
        var spends = await (await client.PostReportAsync(new { top = 100, date = Date })).ReadJsonAsync();
        Assert.Null((await client.WaitForStateAsync(spends.Id(), "Succeeded"))["waitingUntil"]);

        var held = await (await client.PostReportAsync(new { top = 200, date = Date })).ReadJsonAsync();
        var waiting = await client.WaitForJobAsync(held.Id(), job => job["waitingUntil"] is not null || (job.State() != "Running" && job.State() != "Queued"));

        Assert.Equal("Running", waiting.State());
        Assert.Equal(quota.ResetPlusSkew, DateTimeOffset.Parse((string)waiting["waitingUntil"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, (int)waiting["progress"]!["done"]!);
        var listed = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/reports?state=Running"))!;
        Assert.Equal(quota.ResetPlusSkew, DateTimeOffset.Parse((string)listed.Single()!["waitingUntil"]!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.Accepted, (await client.DeleteAsync($"/api/reports/{held.Id()}")).StatusCode);
        var cancelled = await client.WaitForStateAsync(held.Id(), "Cancelled");
        Assert.Null(cancelled["waitingUntil"]);
        Assert.True(cancelled.ContainsKey("waitingUntil"), "the field is there, null, when the job does not wait");
    }

    private static async Task<HttpStatusCode> PostForwardedAsync(HttpClient client, string forwardedFor, int top)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(new { top, date = Date }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
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

    [Theory]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=abc&state=done", "limit,state")]
    [InlineData("?limit=99999999999", "limit")]
    public async Task List_LimitNotANumber_Returns400NamingLimit(string query, string fields)
    {
        await using var app = await HotReposApplication.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/reports" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(fields.Split(','), problem.ErrorFields());
        Assert.Contains("between 1 and 200", problem.Errors(), StringComparison.Ordinal);
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
