namespace HotRepos.App.Cli;

/// <summary>
/// What <c>hotrepos report</c> needs before its command line has been read: appsettings.json and the environment,
/// and its logger at the default levels (<see cref="LogLevels"/> takes <c>--quiet</c> or <c>--verbose</c> later).
/// Started on other cores when the first argument is <c>report</c>, while the command line is built and parsed.
/// </summary>
internal sealed class ReportHeadStart
{
    private ReportHeadStart(string configurationDirectory, TextWriter? logTo)
    {
        FilesAndEnvironment = Task.Run(() => HotReposConfiguration.BuildFromFilesAndEnvironment(configurationDirectory), CancellationToken.None);
        Logger = Task.Run(() => CliLogging.Create(logTo, LogLevels), CancellationToken.None);
    }

    public CliLogLevels LogLevels { get; } = new();

    /// <summary>Faults with <see cref="InvalidDataException"/> when appsettings.json is not valid JSON.</summary>
    public Task<IConfigurationRoot> FilesAndEnvironment { get; }

    public Task<Serilog.Core.Logger> Logger { get; }

    /// <param name="configurationDirectory">Where appsettings.json is read.</param>
    /// <param name="logTo">Where logs go; <see langword="null"/> means the process's stderr through the console sink.</param>
    public static ReportHeadStart Start(string configurationDirectory, TextWriter? logTo) => new(configurationDirectory, logTo);
}
