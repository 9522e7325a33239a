using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace HotRepos.App.Cli;

/// <summary>
/// Configuration in the documented order, later wins: appsettings.json next to the executable → environment
/// (<c>GITHUB_TOKEN</c>, then <c>HOTREPOS__...</c>) → command line.
/// </summary>
internal static class HotReposConfiguration
{
    public const string TokenKey = "HotRepos:GitHub:Token";

    /// <summary>The configuration of <c>hotrepos report</c>; its options are the command line.</summary>
    public static IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>> commandLineOverrides)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        InsertGitHubToken(builder);
        return builder.AddInMemoryCollection(commandLineOverrides).Build();
    }

    /// <summary>
    /// Puts the conventional <c>GITHUB_TOKEN</c> just before the environment source, so <c>HOTREPOS__GITHUB__TOKEN</c>
    /// wins over it and appsettings.json loses to it. <c>hotrepos serve</c> calls it on the host's own sources.
    /// </summary>
    public static void InsertGitHubToken(IConfigurationBuilder builder)
    {
        var gitHubToken = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
        if (string.IsNullOrWhiteSpace(gitHubToken))
        {
            return;
        }

        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = [new(TokenKey, gitHubToken)] };
        var environment = builder.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        builder.Sources.Insert(environment < 0 ? builder.Sources.Count : environment, source);
    }
}
