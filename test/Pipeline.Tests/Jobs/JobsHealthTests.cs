using HotRepos.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.Tests.Jobs;

/// <summary><see cref="IJobsHealth"/> of a started host on the SQLite store whose data directory is tampered with while it serves.</summary>
public sealed class JobsHealthTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly string _data = Directory.CreateTempSubdirectory("hotrepos-health-").FullName;

    private CancellationToken Ct => _timeout.Token;

    private string Database => Path.Combine(_data, "hotrepos.db");

    public void Dispose()
    {
        _timeout.Dispose();
        SqliteConnection.ClearAllPools();
        if (File.Exists(Database))
        {
            ReadOnlyFile.Clear(Database);
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task CheckAsync_SqliteStoreAndWorkerRunning_IsHealthy()
    {
        await using var host = await StartAsync();

        var report = await Health(host).CheckAsync(Ct);

        Assert.True(report.Healthy, $"{report.Store}; {report.Worker}");
        Assert.Equal("ok", report.Store);
    }

    [Fact]
    public async Task CheckAsync_DataDirectoryDeletedWhileServing_ReportsTheStoreFailing()
    {
        await using var host = await StartAsync();
        await host.EnqueueAsync(TestJobs.Request(), Ct);

        Directory.Delete(_data, recursive: true);
        var report = await Health(host).CheckAsync(Ct);

        Assert.False(report.Healthy);
        Assert.StartsWith("failing: ", report.Store, StringComparison.Ordinal);
        Assert.Contains(Database, report.Store, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_DatabaseFileTurnedReadOnlyWhileServing_ReportsTheStoreFailing()
    {
        await using var host = await StartAsync();
        await host.EnqueueAsync(TestJobs.Request(), Ct);

        ReadOnlyFile.Set(Database);
        var report = await Health(host).CheckAsync(Ct);

        Assert.False(report.Healthy);
        Assert.StartsWith("failing: ", report.Store, StringComparison.Ordinal);
        Assert.Contains("read-only", report.Store, StringComparison.Ordinal);
    }

    private static IJobsHealth Health(JobWorkerTestHost host) => host.Host.Services.GetRequiredService<IJobsHealth>();

    private async Task<JobWorkerTestHost> StartAsync()
    {
        var host = await JobWorkerTestHost.CreateAsync(Ct, dataDirectory: _data);
        await host.StartAsync(Ct);
        return host;
    }
}
