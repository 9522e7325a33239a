using HotRepos.GitHub;
using HotRepos.GitHubEmulator;
using HotRepos.Jobs;
using HotRepos.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HotRepos.Requests;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// A real generic host with <c>AddHotRepos</c> (worker and scheduler as hosted services) against a GitHub emulator
/// on 127.0.0.1, writing into a fresh temporary folder. One per test.
/// </summary>
internal sealed class JobWorkerTestHost : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private JobWorkerTestHost(GitHubEmulatorServer emulator, IHost host, string outputDirectory)
    {
        Emulator = emulator;
        Host = host;
        OutputDirectory = outputDirectory;
    }

    public GitHubEmulatorServer Emulator { get; }

    public IHost Host { get; }

    public string OutputDirectory { get; }

    public IReportJobs Jobs => Host.Services.GetRequiredService<IReportJobs>();

    public IJobStore Store => Host.Services.GetRequiredService<IJobStore>();

    /// <summary>Builds (does not start) a host. With <paramref name="dataDirectory"/> the jobs live in SQLite there; the caller owns that folder.</summary>
    public static async Task<JobWorkerTestHost> CreateAsync(
        CancellationToken cancellationToken,
        Func<EmulatorOptions, EmulatorOptions>? configureEmulator = null,
        Action<GitHubOptions>? configureGitHub = null,
        Action<JobsOptions>? configureJobs = null,
        string? dataDirectory = null,
        Action<IServiceCollection>? configureServices = null,
        Action<SchedulerOptions>? configureScheduler = null)
    {
        var options = EmulatorOptions.Unthrottled(TestJobs.Today);
        var emulator = await GitHubEmulatorServer.StartAsync(configureEmulator?.Invoke(options) ?? options, cancellationToken);
        var output = Directory.CreateTempSubdirectory("hotrepos-worker-").FullName;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        // Before AddHotRepos, whose registrations only fill what is missing (a test's own IJobStore, say).
        configureServices?.Invoke(builder.Services);
        builder.Services.AddHotRepos(
            github =>
            {
                github.BaseUrl = emulator.BaseUrl.ToString();
                github.RetryBaseDelay = TimeSpan.Zero;
                configureGitHub?.Invoke(github);
            },
            reports => reports.OutputDirectory = output);
        builder.Services.AddHotReposJobs(
            jobs =>
            {
                jobs.Store = dataDirectory is null ? JobStoreKind.Memory : JobStoreKind.Sqlite;
                jobs.DataDirectory = dataDirectory ?? jobs.DataDirectory;
                configureJobs?.Invoke(jobs);
            },

            // No scheduled reports, unless the test adds its own.
            scheduler =>
            {
                scheduler.Schedules.Clear();
                configureScheduler?.Invoke(scheduler);
            });
        return new JobWorkerTestHost(emulator, builder.Build(), output);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Host.StartAsync(cancellationToken);

    public async Task<JobRecord> EnqueueAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var result = await Jobs.EnqueueAsync(request, JobOrigins.Library, cancellationToken: cancellationToken);
        Assert.Equal(EnqueueOutcome.Created, result.Outcome);
        return result.Job;
    }

    /// <summary>Waits until the job satisfies <paramref name="condition"/> and returns it.</summary>
    public async Task<JobRecord> WaitForAsync(string id, Func<JobRecord, bool> condition, string what, CancellationToken cancellationToken)
    {
        JobRecord? job = null;
        await Polling.WaitUntilAsync(
            async () => (job = await Store.GetAsync(id, cancellationToken)) is { } j && condition(j),
            DefaultTimeout,
            cancellationToken,
            $"job {id} to be {what} (last seen {job?.State})");
        return job!;
    }

    public Task<JobRecord> WaitForFinalAsync(string id, CancellationToken cancellationToken) =>
        WaitForAsync(id, j => j.State.IsFinal(), "finished", cancellationToken);

    public IReadOnlyList<string> FilesInOutput() =>
        Directory.Exists(OutputDirectory) ? Directory.GetFiles(OutputDirectory, "*", SearchOption.AllDirectories) : [];

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await Host.StopAsync(stop.Token);
        }

        Host.Dispose();
        await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(OutputDirectory, recursive: true);
    }
}
