using HotRepos.GitHubEmulator;
using HotRepos.App.Tests.Api;
using HotRepos.Tests.TestSupport;

namespace HotRepos.App.Tests.Serve;

/// <summary>The real service on the SQLite store, killed with SIGKILL mid-job and started again.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-crash-").FullName;

    [Fact]
    public async Task Serve_KilledMidJob_ResumesAndEveryJobSucceedsExactlyOnce()
    {
        var today = new DateOnly(2026, 11, 20);

        // GitHub holds every page until the kill, so the first jobs are surely mid-flight when the process dies.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var emulator = await GitHubEmulatorServer.StartAsync(
            EmulatorOptions.Unthrottled(today) with { Faults = new FaultOptions { Gate = hold.Task } },
            CancellationToken.None);
        var environment = new Dictionary<string, string>
        {
            ["HOTREPOS__GITHUB__BASEURL"] = emulator.BaseUrl.ToString(),
            ["HOTREPOS__GITHUB__RETRYBASEDELAY"] = "00:00:00",
            ["HOTREPOS__JOBS__STORE"] = "Sqlite",
            ["HOTREPOS__JOBS__DATADIRECTORY"] = Path.Combine(_root, "data"),
            ["HOTREPOS__JOBS__MAXCONCURRENTJOBS"] = "2",
            ["HOTREPOS__REPORTS__OUTPUTDIRECTORY"] = Path.Combine(_root, "reports"),
            ["HOTREPOS__SCHEDULES__NIGHTLY__ENABLED"] = "false",
            ["HOTREPOS__SCHEDULES__WEEKLY__ENABLED"] = "false",
        };
        var date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tops = new[] { 500, 400, 300, 200 };
        var ids = new List<string>();

        var first = await ServeProcess.StartAsync(_root, environment);
        foreach (var top in tops)
        {
            ids.Add((await (await first.Client.PostReportAsync(new { period = "month", top, layout = "ranked", date })).ReadJsonAsync()).Id());
        }

        await first.Client.WaitForStateAsync(ids[0], "Running");
        await first.KillAsync();
        emulator.Faults = new FaultOptions { Latency = TimeSpan.FromMilliseconds(200) };
        hold.SetResult();

        await using var second = await ServeProcess.StartAsync(_root, environment);
        var jobs = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var id in ids)
        {
            jobs.Add(await second.Client.WaitForStateAsync(id, "Succeeded", "Failed", "Cancelled"));
        }

        Assert.All(jobs, job => Assert.True(job.State() == "Succeeded", $"{job.Id()}: {job["error"]}\n{second.Output}"));
        Assert.True((int)jobs[0]["attempt"]! >= 2, "the job running at the kill restarts as a new attempt");
        var listed = await second.Client.GetStringAsync("/api/reports?limit=50");
        Assert.Equal(ids.Count, System.Text.Json.Nodes.JsonNode.Parse(listed)!.AsArray().Count);
        for (var i = 0; i < tops.Length; i++)
        {
            var csv = CsvRows.Read(await second.Client.GetByteArrayAsync($"/api/reports/{ids[i]}/csv"));
            Assert.Equal(emulator.ExpectedRanking("created:>=2026-10-21", tops[i]), csv.Skip(1).Select(r => r[1]));
        }

        var files = Directory.GetFiles(Path.Combine(_root, "reports"));
        Assert.Equal(tops.Length, files.Length);
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
