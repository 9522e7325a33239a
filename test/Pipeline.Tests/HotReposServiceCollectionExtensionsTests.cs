using HotRepos.GitHub;
using HotRepos.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests;

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
}
