using System.CommandLine;

namespace HotRepos.App.Cli;

/// <summary>
/// The <c>hotrepos</c> command line. Writers and extra service registrations are parameters so tests run it
/// in-process exactly as the executable does.
/// </summary>
internal sealed class HotReposCli(TextWriter stdout, TextWriter stderr, Action<IServiceCollection>? configureServices = null)
{
    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    /// <summary>Whether logs go to the process console (the executable) rather than <see cref="Error"/> (tests).</summary>
    public bool UseConsoleLogging { get; init; }

    public Action<IServiceCollection>? ConfigureServices => configureServices;

    /// <summary>What <c>hotrepos report</c> sets up while its command line is built and parsed; <see langword="null"/> for other verbs.</summary>
    public ReportHeadStart? ReportHeadStart { get; private set; }

    /// <summary>Where <c>report</c> and <c>serve</c> read appsettings.json (and <c>serve</c> its page): next to the executable, whatever the working directory.</summary>
    public string ConfigurationDirectory { get; init; } = AppContext.BaseDirectory;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ReportHeadStart = args is ["report", ..] ? ReportHeadStart.Start(ConfigurationDirectory, UseConsoleLogging ? null : stderr) : null;

        var root = new RootCommand("HotRepos: the hottest new GitHub repositories of a day, week or month, as CSV.")
        {
            ReportCommand.Create(this),
            ServeCommand.Create(this),
        };

        StartupTrace.Mark("commands built");
        var parse = root.Parse(HelpArguments(args));
        StartupTrace.Mark("parsed");
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            // Point at the help of the verb the user typed: `hotrepos report --help` lists report's options.
            var verb = parse.CommandResult.Command == root ? "hotrepos" : $"hotrepos {parse.CommandResult.Command.Name}";
            await stderr.WriteLineAsync($"Run '{verb} --help' for usage.");
            return ExitCodes.InvalidArguments;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary><c>hotrepos</c> alone and <c>hotrepos help [verb]</c> show the help, as <c>--help</c> does.</summary>
    private static string[] HelpArguments(string[] args) => args switch
    {
        [] => ["--help"],
        ["help", .. var verb] => [.. verb, "--help"],
        _ => args,
    };
}
