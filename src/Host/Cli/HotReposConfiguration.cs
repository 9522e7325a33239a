namespace HotRepos.Host.Cli;

/// <summary>
/// Builds configuration in the documented order, later wins: appsettings.json next to the executable →
/// environment (<c>GITHUB_TOKEN</c>, then <c>HOTREPOS__...</c>) → command-line options.
/// </summary>
internal static class HotReposConfiguration
{
    public const string TokenKey = "HotRepos:GitHub:Token";

    public static IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>> commandLineOverrides)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        AddEnvironment(builder);
        return builder.AddInMemoryCollection(commandLineOverrides).Build();
    }

    /// <summary>For a host that already added the environment: puts <c>GITHUB_TOKEN</c> just before it.</summary>
    public static void AddGitHubTokenBeforeEnvironment(HostBuilderContext context, IConfigurationBuilder builder)
    {
        var gitHubToken = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
        if (string.IsNullOrWhiteSpace(gitHubToken))
        {
            return;
        }

        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = [new(TokenKey, gitHubToken)] };
        var environment = builder.Sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource);
        builder.Sources.Insert(environment < 0 ? builder.Sources.Count : environment, source);
    }

    /// <summary>Adds the environment: the conventional <c>GITHUB_TOKEN</c> first, so <c>HOTREPOS__GITHUB__TOKEN</c> wins over it.</summary>
    public static IConfigurationBuilder AddEnvironment(IConfigurationBuilder builder)
    {
        var gitHubToken = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
        if (!string.IsNullOrWhiteSpace(gitHubToken))
        {
            builder.AddInMemoryCollection([new(TokenKey, gitHubToken)]);
        }

        return builder.AddEnvironmentVariables();
    }
}
