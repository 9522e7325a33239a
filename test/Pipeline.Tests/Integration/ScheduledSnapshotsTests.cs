using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Requests;
using HotRepos.Scheduling;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.Tests.Integration;

/// <summary>
/// The service on a fake clock against the emulator: a nightly schedule runs twice, a day apart, while the emulator's
/// star counts move; the snapshots (SQLite) must give exact movement, rising order, history and retention.
/// </summary>
public sealed class ScheduledSnapshotsTests : IDisposable
{
    private const int Top = 100;

    // The emulator's today (2026-11-20), 10:00 UTC: the first tick records midnight as the baseline, not a run.
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstRun = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _data = Directory.CreateTempSubdirectory("hotrepos-movement-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task TwoScheduledRunsADayApart_StarsMoved_GiveExactGainsRisingOrderAndHistory()
    {
        await using var host = await CreateHostAsync();
        await host.StartAsync(Ct);
        var first = await NextScheduledRunAsync(host, 1);
        var snapshots = host.Host.Services.GetRequiredService<IRepositorySnapshots>();
        var before = (await snapshots.GetSnapshotAsync(first.Id, Ct))!.Repositories;
        Assert.Equal(Top, before.Count);
        Assert.All(before, r => Assert.Null(r.Movement));

        // Between the runs: five repositories gain 50, 40, … 10 stars (the one ranked lowest the most), one is renamed.
        // They are created well inside both runs' windows (the second starts a day later), so both runs hold them.
        var inBoth = before.Where(r => r.CreatedAt >= new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero)).ToList();
        var movers = new[] { inBoth[^1], inBoth[10], inBoth[30], inBoth[0], inBoth[50] };
        var gains = movers.Select((r, i) => (r.Id, Gain: (5 - i) * 10)).ToDictionary(p => p.Id, p => p.Gain);
        var renamed = movers[1];
        host.Emulator.UpdateCatalog(catalog => [.. catalog.Select(r => gains.TryGetValue(r.Id, out var gain)
            ? r with { Stargazers = r.Stargazers + gain, Name = r.Id == renamed.Id ? "renamed-repo" : r.Name }
            : r)]);
        var second = await NextScheduledRunAsync(host, 2);

        var after = (await snapshots.GetSnapshotAsync(second.Id, Ct))!;
        Assert.Equal(FirstRun.AddDays(1), after.ObservedAt);
        var byId = before.ToDictionary(r => r.Id);
        foreach (var repository in after.Repositories.Where(r => byId.ContainsKey(r.Id)))
        {
            var gained = gains.GetValueOrDefault(repository.Id);
            Assert.Equal(byId[repository.Id].Stars + gained, repository.Stars);
            Assert.Equal(gained, repository.Movement?.Gained);
            Assert.Equal(gained, repository.Movement?.PerDay); // exactly one day apart
            Assert.Equal(FirstRun, repository.Movement?.Since);
        }

        Assert.All(after.Repositories.Where(r => !byId.ContainsKey(r.Id)), r => Assert.Null(r.Movement));

        // Rising: the five movers by gain, then the rest (0 a day) by stars.
        var rising = RisingList.Rank(await snapshots.GetLatestAsync(new DateTimeOffset(2026, 10, 22, 0, 0, 0, TimeSpan.Zero), Ct), null, null, 10);
        Assert.Equal(movers.Select(m => m.Id), rising.Take(5).Select(r => r.Id));
        Assert.Equal([1, 2, 3, 4, 5], rising.Take(5).Select(r => r.Rank));
        Assert.All(rising.Skip(5), r => Assert.Equal(0, r.Movement?.Gained));

        // The CSV of the second run carries the same movement.
        var csv = CsvRows.ReadRanked(second.Result!.FilePath).ToDictionary(r => r["full_name"]);
        Assert.Equal("50", csv[after.Repositories.Single(r => r.Id == movers[0].Id).FullName]["stars_gained"]);
        Assert.Equal("40", csv[$"{renamed.FullName.Split('/')[0]}/renamed-repo"]["stars_per_day"]);

        // The renamed repository keeps its history under either name.
        var history = await snapshots.GetHistoryAsync(renamed.FullName, Ct);
        Assert.NotNull(history);
        Assert.Equal(renamed.Id, history.Id);
        Assert.Equal($"{renamed.FullName.Split('/')[0]}/renamed-repo", history.FullName);
        Assert.Equal([(FirstRun, renamed.Stars), (FirstRun.AddDays(1), renamed.Stars + 40)], history.Points.Select(p => (p.ObservedAt, p.Stars)));
        Assert.Equal(history.Points, (await snapshots.GetHistoryAsync(history.FullName, Ct))?.Points);
    }

    [Fact]
    public async Task Retention_SnapshotsOlderThanTheConfiguredDays_AreDeletedAndNothingElse()
    {
        await using var host = await CreateHostAsync(jobs => jobs.SnapshotRetentionDays = 1);
        await host.StartAsync(Ct);
        var first = await NextScheduledRunAsync(host, 1);
        var second = await NextScheduledRunAsync(host, 2);
        var snapshots = host.Host.Services.GetRequiredService<IRepositorySnapshots>();

        var third = await NextScheduledRunAsync(host, 3);

        // Retention runs after each job: at the third run the first snapshot is two days old, the second exactly one (kept).
        await Polling.WaitUntilAsync(async () => await snapshots.GetSnapshotAsync(first.Id, Ct) is null, TimeSpan.FromSeconds(20), Ct, "the first snapshot to expire");
        Assert.NotNull(await snapshots.GetSnapshotAsync(second.Id, Ct));
        Assert.NotNull(await snapshots.GetSnapshotAsync(third.Id, Ct));
        Assert.Equal(3, (await host.Store.ListAsync(JobState.Succeeded, 10, Ct)).Count);
        Assert.True(File.Exists(first.Result!.FilePath));
        var someone = (await snapshots.GetSnapshotAsync(third.Id, Ct))!.Repositories[0];
        Assert.Equal([FirstRun.AddDays(1), FirstRun.AddDays(2)], (await snapshots.GetHistoryAsync(someone.FullName, Ct))!.Points.Select(p => p.ObservedAt));
    }

    private Task<JobWorkerTestHost> CreateHostAsync(Action<JobsOptions>? configureJobs = null) =>
        JobWorkerTestHost.CreateAsync(
            Ct,
            configureJobs: configureJobs,
            dataDirectory: _data,
            configureServices: services => services.AddSingleton<TimeProvider>(_time),
            configureScheduler: scheduler => scheduler.Schedules["nightly"] = new ScheduleOptions
            {
                Cron = "0 0 * * *",
                Period = Period.Month,
                Top = Top,
                Layout = CsvLayout.Ranked,
            });

    /// <summary>Moves the clock to the next midnight and waits for the scheduled job it queues (the <paramref name="n"/>th) to succeed.</summary>
    private async Task<JobRecord> NextScheduledRunAsync(JobWorkerTestHost host, int n)
    {
        // The scheduler ticks at start (baseline) and then on its fake-clock timer.
        await Polling.WaitUntilAsync(
            async () => await host.Store.GetScheduleBaselineAsync("nightly", Ct) is not null,
            TimeSpan.FromSeconds(20),
            Ct,
            "the scheduler's first tick");
        _time.SetUtcNow(FirstRun.AddDays(n - 1));
        JobRecord? job = null;
        await Polling.WaitUntilAsync(
            async () => (job = (await host.Store.ListAsync(null, 10, Ct)).FirstOrDefault(j => j.Request.ReferenceDate == DateOnly.FromDateTime(FirstRun.AddDays(n - 1).UtcDateTime))) is not null,
            TimeSpan.FromSeconds(20),
            Ct,
            $"scheduled run {n}");
        var done = await host.WaitForFinalAsync(job!.Id, Ct);
        Assert.Equal(JobState.Succeeded, done.State);
        return done;
    }
}
