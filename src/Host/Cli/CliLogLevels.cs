using Serilog.Core;
using Serilog.Events;

namespace HotRepos.App.Cli;

/// <summary>
/// The levels of the command line's logger, as switches: <c>hotrepos report</c> sets its logger up before
/// <c>--quiet</c> or <c>--verbose</c> has been read (<see cref="ReportHeadStart"/>) and applies them after.
/// </summary>
internal sealed class CliLogLevels
{
    public CliLogLevels() => Set(LogEventLevel.Information, httpRequests: false);

    public LoggingLevelSwitch Minimum { get; } = new();

    /// <summary>HttpClientFactory logs every request twice at Information; our own page line says more.</summary>
    public LoggingLevelSwitch HttpClient { get; } = new();

    public LoggingLevelSwitch Microsoft { get; } = new();

    public LoggingLevelSwitch HostingLifetime { get; } = new();

    /// <summary>The defaults every verb starts from, never logging below <paramref name="minimum"/>.</summary>
    public static CliLogLevels From(LogEventLevel minimum)
    {
        var levels = new CliLogLevels();
        levels.Set(minimum, httpRequests: false);
        return levels;
    }

    /// <summary><c>--quiet</c>: warnings and errors; the default: information; <c>--verbose</c>: debug lines and every HTTP request.</summary>
    public void Apply(CliVerbosity verbosity) => Set(
        verbosity switch
        {
            CliVerbosity.Quiet => LogEventLevel.Warning,
            CliVerbosity.Verbose => LogEventLevel.Debug,
            _ => LogEventLevel.Information,
        },
        httpRequests: verbosity == CliVerbosity.Verbose);

    private static LogEventLevel Max(LogEventLevel a, LogEventLevel b) => a > b ? a : b;

    private void Set(LogEventLevel minimum, bool httpRequests)
    {
        Minimum.MinimumLevel = minimum;
        HttpClient.MinimumLevel = httpRequests ? LogEventLevel.Information : Max(LogEventLevel.Warning, minimum);
        Microsoft.MinimumLevel = Max(LogEventLevel.Warning, minimum);
        HostingLifetime.MinimumLevel = Max(LogEventLevel.Information, minimum);
    }
}
