using HotRepos.Jobs;
using HotRepos.Requests;
using HotRepos.Scheduling;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.Tests.Scheduling;

/// <summary>Three instances' schedulers on one PostgreSQL database and one fake clock: a due time is queued once.</summary>
[Collection(PostgresTests.Name)]
public sealed class SharedScheduleTests(PostgresServer server) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-shared-schedule-").FullName;
    private readonly List<ServiceProvider> _providers = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [PostgresFact]
    public async Task TickAsync_ThreeInstancesAtTheSameDueTime_QueueOneJob()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => CreateInstance()).ToList();
        await Task.WhenAll(instances.Select(i => i.Scheduler.TickAsync(CancellationToken.None)));
        _time.Advance(TimeSpan.FromHours(15));

        await Task.WhenAll(instances.Select(i => i.Scheduler.TickAsync(CancellationToken.None)));

        var job = Assert.Single(await instances[0].Store.ListAsync(null, 50, CancellationToken.None));
        Assert.Equal("schedule:nightly", job.Origin);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), await instances[2].Store.GetLastScheduleRunAsync("nightly", CancellationToken.None));
    }

    private (ReportScheduler Scheduler, IJobStore Store) CreateInstance()
    {
        var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddHotRepos(github => github.BaseUrl = "http://127.0.0.1:9/", reports => reports.OutputDirectory = Path.Combine(_root, "reports"))
            .AddHotReposJobs(
                jobs =>
                {
                    jobs.Store = JobStoreKind.Postgres;
                    jobs.ConnectionString = _connectionString;
                },
                scheduler =>
                {
                    scheduler.Schedules.Clear();
                    scheduler.Schedules["nightly"] = new ScheduleOptions { Cron = "0 0 * * *", Period = Period.Day };
                })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return (provider.GetServices<IHostedService>().OfType<ReportScheduler>().Single(), provider.GetRequiredService<IJobStore>());
    }
}
