using HotRepos.App.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.App.Tests.Cli;

/// <summary>One in-process run of the <c>hotrepos</c> command line, with what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <param name="configureServices">Registrations added after the CLI's own, such as zero retry delays.</param>
    /// <param name="args">The command line.</param>
    public static Task<CliRun> RunAsync(Action<IServiceCollection>? configureServices, params string[] args) =>
        RunInAsync(AppContext.BaseDirectory, configureServices, args);

    /// <param name="configurationDirectory">Where the command reads appsettings.json, instead of next to the executable.</param>
    /// <param name="configureServices">Registrations added after the CLI's own.</param>
    /// <param name="args">The command line.</param>
    public static async Task<CliRun> RunInAsync(string configurationDirectory, Action<IServiceCollection>? configureServices, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var cli = new HotReposCli(stdout, stderr, configureServices) { ConfigurationDirectory = configurationDirectory };
        var exitCode = await cli.RunAsync(args, CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
