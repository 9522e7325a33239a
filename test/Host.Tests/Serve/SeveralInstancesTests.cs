using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;
using HotRepos.App.Tests.Api;
using HotRepos.GitHubEmulator;
using HotRepos.Tests.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace HotRepos.App.Tests.Serve;

/// <summary>Three real <c>hotrepos serve</c> processes on one PostgreSQL database, each with its own disk folders.</summary>
[Collection(PostgresTests.Name)]
public sealed partial class SeveralInstancesTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-instances-").FullName;
    private readonly List<ServeProcess> _instances = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [PostgresFact]
    public async Task Serve_ThreeInstancesOneKilledMidJob_EveryJobSucceedsOnceAndNoPageIsFetchedTwice()
    {
        // GitHub holds every page until the kill, so every job is surely mid-flight when the instance dies.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var emulator = await GitHubEmulatorServer.StartAsync(
            EmulatorOptions.Unthrottled(Today) with { Faults = new FaultOptions { Gate = hold.Task } },
            CancellationToken.None);
        var database = await server.CreateDatabaseAsync();
        var instances = await StartInstancesAsync(3, emulator, database);

        // Each its own query, so the emulator's log tells every job's pages apart: 6 jobs, 2 per instance at once.
        var sinces = Enumerable.Range(0, 6).Select(i => Today.AddDays(-30 + i)).ToList();
        var ids = new List<string>();
        foreach (var since in sinces)
        {
            var posted = await instances[0].Client.PostReportAsync(new { since = Text(since), top = 300, layout = "ranked", date = Text(Today) });
            ids.Add((await posted.ReadJsonAsync()).Id());
        }

        await WaitAsync(async () => await CountAsync(database, "SELECT count(*) FROM jobs WHERE state = 'Running'") == ids.Count, "every job running");
        var victim = instances[1];
        var victimJobs = await QueryIdsAsync(database, $"SELECT id FROM jobs WHERE lease_owner LIKE '%:{victim.Id}:%'");
        Assert.NotEmpty(victimJobs);
        await victim.KillAsync();
        emulator.Faults = new FaultOptions { Latency = TimeSpan.FromMilliseconds(50) };
        hold.SetResult();

        var survivors = new[] { instances[0], instances[2] };
        var jobs = new List<JsonObject>();
        foreach (var id in ids)
        {
            jobs.Add(await WaitForEndAsync(survivors[0], id));
        }

        Assert.All(jobs, job => Assert.True(job.State() == "Succeeded", $"{job.Id()}: {job["error"]}\n{survivors[0].Output}\n{survivors[1].Output}"));
        Assert.All(jobs.Where(j => victimJobs.Contains(j.Id())), job => Assert.Equal(2, (int)job["attempt"]!));
        Assert.All(jobs.Where(j => !victimJobs.Contains(j.Id())), job => Assert.Equal(1, (int)job["attempt"]!));

        // Answered pages: two instances running the same attempt would fetch its pages twice. A job never interrupted
        // has each page answered exactly once; one whose instance died, at most once per attempt (the dead instance's
        // held pages may still have been answered into its closed socket).
        var attempts = sinces.Select((since, i) => (Q: $"created:{Text(since)}..{Text(Today)}", Attempt: (int)jobs[i]["attempt"]!)).ToDictionary();
        var answered = emulator.Stats.Requests
            .Where(r => r.Status == 200)
            .Select(r => HttpUtility.ParseQueryString(new Uri(emulator.BaseUrl, r.PathAndQuery).Query))
            .GroupBy(q => (Q: q["q"]!, Page: q["page"]))
            .ToList();
        Assert.Equal(sinces.Count * 3, answered.Count);
        Assert.All(answered, page => Assert.InRange(page.Count(), 1, attempts[page.Key.Q]));

        // One CSV per job across all disks: no job was written by two instances.
        var files = Directory.GetFiles(_root, "*.csv", SearchOption.AllDirectories);
        Assert.Equal(ids.Count, files.Length);

        // Any instance serves any report, whichever disk it was written to.
        for (var i = 0; i < ids.Count; i++)
        {
            foreach (var instance in survivors)
            {
                var csv = CsvRows.Read(await instance.Client.GetByteArrayAsync($"/api/reports/{ids[i]}/csv"));
                Assert.Equal(emulator.ExpectedRanking($"created:>={Text(sinces[i])}", 300), csv.Skip(1).Select(r => r[1]));
            }
        }
    }

    [PostgresFact]
    public async Task Post_IdenticalRequestsToTwoInstancesAtOnce_MakeOneJob()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(EmulatorOptions.Unthrottled(Today), CancellationToken.None);
        var database = await server.CreateDatabaseAsync();
        var instances = await StartInstancesAsync(2, emulator, database);

        // Ten different reports, each asked of both instances at the same moment.
        var pairs = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var body = new { since = Text(Today.AddDays(-20 + i)), top = 10, date = Text(Today) };
            var answers = await Task.WhenAll(instances.Select(async s => (await (await s.Client.PostReportAsync(body)).ReadJsonAsync()).Id()));
            return answers;
        }));

        Assert.All(pairs, ids => Assert.Equal(ids[0], ids[1]));
        Assert.Equal(10, await CountAsync(database, "SELECT count(*) FROM jobs"));
    }

    [PostgresFact]
    public async Task Serve_ThreeInstancesOnOneQuota_RejectNoMoreThanOneInstanceAndFillEveryWindow()
    {
        // 10 searches per 5 s for the one token; 30 pages in all, so the jobs span several windows.
        await using var emulator = await GitHubEmulatorServer.StartAsync(
            EmulatorOptions.Unthrottled(Today) with { AuthenticatedRateLimit = 10, RateLimitWindow = TimeSpan.FromSeconds(5) },
            CancellationToken.None);
        var extra = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "shared-quota-token" };

        var alone = await RunQuotaAsync(emulator, await StartInstancesAsync(1, emulator, await server.CreateDatabaseAsync(), extra));
        emulator.ResetStats();
        var together = await RunQuotaAsync(emulator, await StartInstancesAsync(3, emulator, await server.CreateDatabaseAsync(), extra));

        output.WriteLine($"one instance: {alone.Rejected} refused, windows {string.Join(", ", alone.PerWindow)}; three: {together.Rejected} refused, windows {string.Join(", ", together.PerWindow)}");
        Assert.True(together.Rejected <= alone.Rejected, $"three instances were refused {together.Rejected} times, one instance {alone.Rejected}");
        Assert.Equal(30, together.PerWindow.Sum());
        // The first window may start late in its period and the last holds what is left; every one between is full.
        Assert.True(together.PerWindow.Count >= 3, $"windows: {string.Join(", ", together.PerWindow)}");
        Assert.All(together.PerWindow.Skip(1).SkipLast(1), used => Assert.Equal(10, used));
    }

    private static async Task<(long Rejected, List<int> PerWindow)> RunQuotaAsync(GitHubEmulatorServer emulator, List<ServeProcess> instances)
    {
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var body = new { since = Text(Today.AddDays(-30 + i)), top = 500, layout = "ranked", date = Text(Today) };
            ids.Add((await (await instances[i % instances.Count].Client.PostReportAsync(body)).ReadJsonAsync()).Id());
        }

        foreach (var id in ids)
        {
            var job = await WaitForEndAsync(instances[0], id);
            Assert.True(job.State() == "Succeeded", $"{id}: {job["error"]}\n{instances[0].Output}");
        }

        // Stopped before the next run, so that only this run spends the quota.
        foreach (var instance in instances)
        {
            await instance.KillAsync();
        }

        var perWindow = emulator.Stats.Requests.Where(r => r.Status == 200)
            .GroupBy(r => r.RateLimitReset).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
        return (emulator.Stats.PrimaryRateLimitRejections, perWindow);
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<List<ServeProcess>> StartInstancesAsync(int count, GitHubEmulatorServer emulator, string database, Dictionary<string, string>? extra = null)
    {
        var instances = new List<ServeProcess>();
        for (var i = 0; i < count; i++)
        {
            var folder = Path.Combine(_root, $"instance{_instances.Count}");
            var environment = new Dictionary<string, string>(extra ?? [])
            {
                ["HOTREPOS__GITHUB__BASEURL"] = emulator.BaseUrl.ToString(),
                ["HOTREPOS__GITHUB__RETRYBASEDELAY"] = "00:00:00",
                ["HOTREPOS__JOBS__STORE"] = "Postgres",
                ["CONNECTIONSTRINGS__HOTREPOS"] = database,
                ["HOTREPOS__JOBS__LEASEDURATION"] = "00:00:03",
                ["HOTREPOS__JOBS__POLLINTERVAL"] = "00:00:00.500",
                ["HOTREPOS__JOBS__DATADIRECTORY"] = Path.Combine(folder, "data"),
                ["HOTREPOS__JOBS__MAXCONCURRENTJOBS"] = "2",
                ["HOTREPOS__REPORTS__OUTPUTDIRECTORY"] = Path.Combine(folder, "reports"),
                ["HOTREPOS__SCHEDULES__NIGHTLY__ENABLED"] = "false",
                ["HOTREPOS__SCHEDULES__WEEKLY__ENABLED"] = "false",
            };
            instances.Add(await ServeProcess.StartAsync(_root, environment));
            _instances.Add(instances[^1]);
        }

        return instances;
    }

    private static async Task<JsonObject> WaitForEndAsync(ServeProcess instance, string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var job = await instance.Client.GetJobAsync(id);
            if (job.State() is "Succeeded" or "Failed" or "Cancelled")
            {
                return job;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, deadline.Token);
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (!await condition())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"timed out waiting for {what}");
        }
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<HashSet<string>> QueryIdsAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
