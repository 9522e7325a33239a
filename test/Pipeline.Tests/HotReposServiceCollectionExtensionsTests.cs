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
}
