using HotRepos.GitHub;
using HotRepos.GitHub.Resilience;
using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Scheduling;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests;

// AddHotRepos_Alone_... changes the working directory: this class runs on its own, after the parallel tests.
[Collection(nameof(SharedWorkingDirectory))]
public sealed class HotReposServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHotRepos_Twice_RegistersServicesOnceAndKeepsBothConfigurations()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddHotRepos(github => github.MaxParallelism = 3);
        services.AddHotRepos(configureReports: reports => reports.OutputDirectory = "elsewhere");

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(IReportGenerator));
        Assert.Single(services, d => d.ServiceType == typeof(ReportGraph));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(3, provider.GetRequiredService<IOptions<GitHubOptions>>().Value.MaxParallelism);
        Assert.Equal("elsewhere", provider.GetRequiredService<IOptions<ReportsOptions>>().Value.OutputDirectory);
    }

    [Fact]
    public void AddHotRepos_Twice_ReportsAnInvalidOptionOnce()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHotRepos(github => github.MaxParallelism = 0);
        services.AddHotRepos();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GitHubOptions>>().Value);

        Assert.Single(failure.Failures);
        Assert.Contains("MaxParallelism", failure.Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddHotRepos_SampleSourceWithoutAddHotReposSample_ThrowsSayingHowToAddIt()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddHotRepos(github => github.Source = RepositorySource.Sample)
            .BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IReportGenerator>());

        Assert.Contains("HotRepos.Sample", failure.Message, StringComparison.Ordinal);
        Assert.Contains("services.AddHotReposSample()", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHotReposSample_Twice_AddsNothingTheSecondTime()
    {
        var services = new ServiceCollection().AddLogging().AddHotRepos().AddHotReposSample();
        var registrations = services.Count;

        services.AddHotReposSample();

        Assert.Equal(registrations, services.Count);
    }

    [Fact]
    public async Task AddHotRepos_Alone_CreatesNoFileOrDirectoryAndStartsNoWorkerOrScheduler()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var folder = Directory.CreateTempSubdirectory("hotrepos-alone-").FullName;
        var previous = Environment.CurrentDirectory;

        // Relative default paths (reports, data) start at the working directory: an empty one shows anything created.
        Environment.CurrentDirectory = folder;
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            var before = builder.Services.Count;
            builder.Services.AddHotRepos();
            var added = builder.Services.Skip(before).Select(d => d.ServiceType).Where(t => !t.IsGenericTypeDefinition).Distinct().ToList();
            using var host = builder.Build();

            await host.StartAsync(timeout.Token);

            // Every service AddHotRepos added is built, so a constructor that makes a folder shows up below.
            foreach (var type in added)
            {
                Assert.NotEmpty(host.Services.GetServices(type));
            }

            var hosted = host.Services.GetServices<IHostedService>().ToList();
            await host.StopAsync(timeout.Token);

            Assert.Same(host.Services.GetRequiredService<ReportGraph>(), Assert.Single(hosted));
            Assert.Null(host.Services.GetService<IJobStore>());
            Assert.Null(host.Services.GetService<IReportJobs>());
            Assert.False(Path.IsPathRooted(host.Services.GetRequiredService<IOptions<ReportsOptions>>().Value.OutputDirectory));
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AddHotReposJobs_RegistersStoreWorkerAndScheduler()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddHotRepos().AddHotReposJobs(jobs => jobs.Store = JobStoreKind.Memory);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.IsType<InMemoryJobStore>(provider.GetRequiredService<IJobStore>());
        Assert.IsType<ReportJobs>(provider.GetRequiredService<IReportJobs>());
        Assert.Equal(
            [typeof(ReportGraph), typeof(JobsStartup), typeof(JobWorker), typeof(ReportScheduler)],
            provider.GetServices<IHostedService>().Select(s => s.GetType()));
    }

    [Fact]
    public void AddHotReposJobs_PostgresWithConnectionStringsHotRepos_UsesThePostgresStoreForJobsSnapshotsAndTheRateLimitWindow()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HotRepos:Jobs:Store"] = "Postgres",
            ["ConnectionStrings:HotRepos"] = "Host=127.0.0.1;Database=hotrepos",
        }).Build();
        var services = new ServiceCollection().AddLogging();

        services.AddHotRepos(configuration).AddHotReposJobs(configuration);

        using var provider = services.BuildServiceProvider();
        Assert.Equal("Host=127.0.0.1;Database=hotrepos", provider.GetRequiredService<IOptions<JobsOptions>>().Value.ConnectionString);
        Assert.IsType<PostgresJobStore>(provider.GetRequiredService<IJobStore>());
        Assert.IsType<PostgresRateLimitWindowStore>(provider.GetRequiredService<IRateLimitWindowStore>());
        Assert.Same(provider.GetRequiredService<IJobStore>(), provider.GetRequiredService<IRepositorySnapshots>());
        Assert.Same(provider.GetRequiredService<IJobStore>(), provider.GetRequiredService<IStarHistory>());
    }

    [Fact]
    public void AddHotReposJobs_PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHotRepos().AddHotReposJobs(jobs => jobs.Store = JobStoreKind.Postgres);
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JobsOptions>>().Value);

        Assert.Contains("ConnectionStrings:HotRepos", failure.Message, StringComparison.Ordinal);
    }
}
