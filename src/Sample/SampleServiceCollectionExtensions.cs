using HotRepos.GitHub;
using HotRepos.Sample;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the offline sample: <c>services.AddHotRepos(...).AddHotReposSample()</c> lets
/// <c>HotRepos:GitHub:Source = Sample</c> answer searches from a generated catalog instead of api.github.com.
/// </summary>
public static class SampleServiceCollectionExtensions
{
    /// <summary>
    /// Makes HotRepos' GitHub client (<see cref="HotReposServiceCollectionExtensions.GitHubHttpClientName"/>) use the
    /// in-process sample when <see cref="GitHubOptions.Source"/> is <see cref="RepositorySource.Sample"/>; with any other
    /// source the client keeps the network handler that <c>AddHotRepos</c> configured. A second call adds nothing.
    /// </summary>
    /// <param name="services">
    /// The service collection, after <c>AddHotRepos</c>: the sample replaces the handler that <c>AddHotRepos</c> sets up.
    /// </param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHotReposSample(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(HotReposSampleMarker)))
        {
            return services;
        }

        services.AddSingleton<HotReposSampleMarker>();

        // What the obsolete ConfigureHttpMessageHandlerBuilder did: ConfigurePrimaryHttpMessageHandler could only
        // replace the handler always or configure it, not keep the library's sockets handler for Source = GitHub.
        services.Configure<HttpClientFactoryOptions>(
            HotReposServiceCollectionExtensions.GitHubHttpClientName,
            options => options.HttpMessageHandlerBuilderActions.Add(UseSampleWhenSelected));
        return services;
    }

    private static void UseSampleWhenSelected(HttpMessageHandlerBuilder builder)
    {
        if (builder.Services.GetRequiredService<IOptions<GitHubOptions>>().Value.Source != RepositorySource.Sample)
        {
            return;
        }

        // The network handler the library created has not sent anything yet; it is replaced, not wrapped.
        builder.PrimaryHandler.Dispose();
        builder.PrimaryHandler = new SampleGitHubHandler(builder.Services.GetRequiredService<TimeProvider>());
    }

    private sealed class HotReposSampleMarker;
}
