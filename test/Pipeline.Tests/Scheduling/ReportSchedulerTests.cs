using HotRepos.Jobs;
using HotRepos.Scheduling;
using HotRepos.Tests.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using HotRepos.Requests;

namespace HotRepos.Tests.Scheduling;

/// <summary>The scheduler on a fake clock, driven tick by tick through <see cref="ReportScheduler.TickAsync"/>.</summary>
public sealed class ReportSchedulerTests : IDisposable
{
    // A Friday.
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight27 = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight28 = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-scheduler-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly List<ServiceProvider> _providers = [];

    private CancellationToken Ct => _timeout.Token;

    private IReportSchedules Schedules => _providers[^1].GetRequiredService<IReportSchedules>();

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _timeout.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task TickAsync_FirstTickEver_QueuesNothingAndRecordsTheLatestDueAsBaselineNotAsARun()
    {
        var (sut, store) = CreateSut();

        await sut.TickAsync(Ct);

        Assert.Empty(await store.ListAsync(null, 50, Ct));
        Assert.Equal(Midnight27, await store.GetScheduleBaselineAsync("nightly", Ct));
        Assert.Null(await store.GetLastScheduleRunAsync("nightly", Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListAsync_NewStoreAfterTheFirstTick_ShowsNoLastRunAndTheNextDueTime(bool sqlite)
    {
        var (sut, _) = CreateSut(dataDirectory: sqlite ? Path.Combine(_root, "data") : null);

        await sut.TickAsync(Ct);
        var schedule = Assert.Single(await Schedules.ListAsync(Ct));

        Assert.Equal("nightly", schedule.Name);
        Assert.Null(schedule.LastRun);
        Assert.Equal(Midnight28, schedule.NextRun);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListAsync_AfterAScheduledRun_ShowsItsDueTimeAsLastRun(bool sqlite)
    {
        var (sut, _) = CreateSut(dataDirectory: sqlite ? Path.Combine(_root, "data") : null);
        await sut.TickAsync(Ct);
        _time.Advance(TimeSpan.FromHours(15));

        await sut.TickAsync(Ct);
        var schedule = Assert.Single(await Schedules.ListAsync(Ct));

        Assert.Equal(Midnight28, schedule.LastRun);
        Assert.Equal(Midnight28.AddDays(1), schedule.NextRun);
    }

    [Fact]
    public async Task TickAsync_BeforeTheNextDueTime_QueuesNothing()
    {
        var (sut, store) = CreateSut();
        await sut.TickAsync(Ct);
        _time.Advance(TimeSpan.FromHours(13.99));

        await sut.TickAsync(Ct);

        Assert.Empty(await store.ListAsync(null, 50, Ct));
        Assert.Null(await store.GetLastScheduleRunAsync("nightly", Ct));
    }

    [Fact]
    public async Task TickAsync_AfterMidnight_QueuesOneJobForTheDueDateAndNoMoreThatDay()
    {
        var (sut, store) = CreateSut(s => s.Schedules["nightly"] = new ScheduleOptions { Cron = "0 0 * * *", Period = Period.Day, Top = 50, Language = "Rust" });
        await sut.TickAsync(Ct);
        _time.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(1));

        await sut.TickAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromHours(5));
            await sut.TickAsync(Ct);
        }

        var job = Assert.Single(await store.ListAsync(null, 50, Ct));
        Assert.Equal("schedule:nightly", job.Origin);
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(new DateOnly(2026, 11, 28), job.Request.ReferenceDate);
        Assert.Equal(Period.Day, job.Request.Period);
        Assert.Equal(50, job.Request.Top);
        Assert.Equal("Rust", job.Request.Language);
        Assert.Equal(Midnight28, await store.GetLastScheduleRunAsync("nightly", Ct));
    }

    [Fact]
    public async Task TickAsync_AfterThreeDaysDown_QueuesOneCatchUpJobForTheLatestDueTime()
    {
        var (sut, store) = CreateSut();
        await sut.TickAsync(Ct);
        _time.Advance(TimeSpan.FromDays(3));

        await sut.TickAsync(Ct);

        var job = Assert.Single(await store.ListAsync(null, 50, Ct));
        Assert.Equal(new DateOnly(2026, 11, 30), job.Request.ReferenceDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), await store.GetLastScheduleRunAsync("nightly", Ct));
    }

    [Fact]
    public async Task TickAsync_NewSchedulerOnTheSameSqliteFolderAfterRestart_DoesNotQueueTheSameDueAgain()
    {
        var data = Path.Combine(_root, "data");
        var (before, _) = CreateSut(dataDirectory: data);
        await before.TickAsync(Ct);
        _time.Advance(TimeSpan.FromHours(15));
        await before.TickAsync(Ct);
        DisposeProviders();

        var (after, store) = CreateSut(dataDirectory: data);
        await after.TickAsync(Ct);

        var job = Assert.Single(await store.ListAsync(null, 50, Ct));
        Assert.Equal(new DateOnly(2026, 11, 28), job.Request.ReferenceDate);

        // Still working: the next due time is queued.
        _time.Advance(TimeSpan.FromDays(1));
        await after.TickAsync(Ct);
        Assert.Equal(2, (await store.ListAsync(null, 50, Ct)).Count);
    }

    [Fact]
    public async Task TickAsync_DisabledSchedule_NeverQueues()
    {
        var (sut, store) = CreateSut(s => s.Schedules["nightly"].Enabled = false);

        await sut.TickAsync(Ct);
        _time.Advance(TimeSpan.FromDays(2));
        await sut.TickAsync(Ct);

        Assert.Empty(await store.ListAsync(null, 50, Ct));
        Assert.Null(await store.GetLastScheduleRunAsync("nightly", Ct));
    }

    [Fact]
    public async Task TickAsync_ParisNineOClockInWinter_IsDueAt0800Utc()
    {
        var (sut, store) = CreateSut(s =>
        {
            s.Schedules.Clear();
            s.Schedules["paris"] = new ScheduleOptions { Cron = "0 9 * * *", TimeZone = "Europe/Paris", Period = Period.Day };
        });
        await sut.TickAsync(Ct);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), await store.GetScheduleBaselineAsync("paris", Ct));

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 7, 59, 0, TimeSpan.Zero));
        await sut.TickAsync(Ct);
        Assert.Empty(await store.ListAsync(null, 50, Ct));

        _time.Advance(TimeSpan.FromMinutes(1));
        await sut.TickAsync(Ct);

        var job = Assert.Single(await store.ListAsync(null, 50, Ct));
        Assert.Equal("schedule:paris", job.Origin);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), await store.GetLastScheduleRunAsync("paris", Ct));
    }

    [Fact]
    public async Task TickAsync_QueueFull_RecordsNothingAndQueuesAtTheNextTickWithRoom()
    {
        var (sut, store) = CreateSut(configureJobs: jobs => jobs.QueueCapacity = 1);
        await sut.TickAsync(Ct);
        var jobs = _providers[^1].GetRequiredService<IReportJobs>();
        await jobs.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);
        _time.Advance(TimeSpan.FromHours(15));

        await sut.TickAsync(Ct);

        Assert.Single(await store.ListAsync(null, 50, Ct));
        Assert.Null(await store.GetLastScheduleRunAsync("nightly", Ct));

        // The worker takes the waiting job: there is room again.
        await using var taken = _providers[^1].GetRequiredService<JobQueue>().ReadAllAsync(Ct).GetAsyncEnumerator(Ct);
        Assert.True(await taken.MoveNextAsync());
        await sut.TickAsync(Ct);

        Assert.Single(await store.ListAsync(null, 50, Ct), j => j.Origin == "schedule:nightly");
        Assert.Equal(Midnight28, await store.GetLastScheduleRunAsync("nightly", Ct));
    }

    [Fact]
    public async Task ExecuteAsync_HostedLoopOnFakeTime_QueuesTheDueRunWhenTheTimerTicks()
    {
        var (sut, store) = CreateSut(s => s.SchedulerTick = TimeSpan.FromMinutes(1));
        await sut.StartAsync(Ct);
        try
        {
            // The first tick runs at start: it only records the baseline.
            await Polling.WaitUntilAsync(async () => await store.GetScheduleBaselineAsync("nightly", Ct) is not null, TimeSpan.FromSeconds(10), Ct, "the baseline");
            Assert.Empty(await store.ListAsync(null, 50, Ct));

            _time.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(1));

            await Polling.WaitUntilAsync(async () => (await store.ListAsync(null, 50, Ct)).Count > 0, TimeSpan.FromSeconds(10), Ct, "the scheduled job");
            var job = Assert.Single(await store.ListAsync(null, 50, Ct));
            Assert.Equal("schedule:nightly", job.Origin);
            Assert.Equal(new DateOnly(2026, 11, 28), job.Request.ReferenceDate);
        }
        finally
        {
            await sut.StopAsync(Ct);
        }
    }

    private (ReportScheduler Scheduler, IJobStore Store) CreateSut(
        Action<SchedulerOptions>? configure = null,
        string? dataDirectory = null,
        Action<JobsOptions>? configureJobs = null)
    {
        var output = Path.Combine(_root, "reports");
        var provider = new ServiceCollection()
            .AddLogging()

            // Before AddHotRepos, which only adds TimeProvider.System when none is registered.
            .AddSingleton<TimeProvider>(_time)
            .AddHotRepos(
                github => github.BaseUrl = "http://127.0.0.1:9/",
                reports => reports.OutputDirectory = output)
            .AddHotReposJobs(
                jobs =>
                {
                    jobs.Store = dataDirectory is null ? JobStoreKind.Memory : JobStoreKind.Sqlite;
                    jobs.DataDirectory = dataDirectory ?? jobs.DataDirectory;
                    configureJobs?.Invoke(jobs);
                },
                scheduler =>
                {
                    scheduler.Schedules.Clear();
                    scheduler.Schedules["nightly"] = new ScheduleOptions { Cron = "0 0 * * *", Period = Period.Day };
                    configure?.Invoke(scheduler);
                })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        var scheduler = provider.GetServices<IHostedService>().OfType<ReportScheduler>().Single();
        return (scheduler, provider.GetRequiredService<IJobStore>());
    }

    private void DisposeProviders()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
        SqliteConnection.ClearAllPools();
    }
}
