using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace HotRepos.App.Cli;

/// <summary>
/// Configuration in the documented order, later wins: appsettings.json next to the executable → environment
/// (<c>GITHUB_TOKEN</c>, then <c>HOTREPOS__...</c>) → command line.
/// </summary>
internal static class HotReposConfiguration
{
    public const string TokenKey = "HotRepos:GitHub:Token";

    /// <summary>The configuration of <c>hotrepos report</c>: <see cref="BuildFromFilesAndEnvironment"/>, then its options on the command line.</summary>
    public static IConfigurationRoot Build(IConfiguration filesAndEnvironment, IEnumerable<KeyValuePair<string, string?>> commandLineOverrides) =>
        new ConfigurationBuilder()
            .AddConfiguration(filesAndEnvironment, shouldDisposeConfiguration: false)
            .AddInMemoryCollection(commandLineOverrides)
            .Build();

    /// <summary>Everything before the command line: appsettings.json in <paramref name="directory"/> (next to the executable), then the environment.</summary>
    /// <exception cref="InvalidDataException">appsettings.json is not valid JSON; <see cref="Describe"/> tells where.</exception>
    public static IConfigurationRoot BuildFromFilesAndEnvironment(string directory)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(directory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        InsertGitHubToken(builder);
        return builder.Build();
    }

    /// <summary>A configuration file that cannot be read, in one line: the file, then what is wrong where (the JSON reader's line and byte).</summary>
    public static string Describe(InvalidDataException unreadable)
    {
        var messages = new List<string>();
        for (Exception? ex = unreadable; ex is not null; ex = ex.InnerException)
        {
            messages.Add(ex.Message);
        }

        return string.Join(' ', messages);
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
