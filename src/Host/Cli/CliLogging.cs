using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace HotRepos.App.Cli;

/// <summary>Serilog for the command line: every log line goes to stderr, so stdout carries only results.</summary>
internal static class CliLogging
{
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private const string MinimumLevelKey = "Serilog:MinimumLevel";

    /// <summary>The logger of <c>hotrepos report</c>, at <paramref name="levels"/>, which may change after it is made.</summary>
    /// <param name="stderr">Where logs go; <see langword="null"/> means the process's stderr through the console sink.</param>
    /// <param name="levels">The levels, set from <c>--quiet</c> or <c>--verbose</c>.</param>
    public static Serilog.Core.Logger Create(TextWriter? stderr, CliLogLevels levels) =>
        Configure(new LoggerConfiguration(), stderr, levels)

            // The command prints a failed report as its one `error:` line; the library's log line would say it twice.
            .Filter.ByExcluding(e => EventName(e) == "ReportFailed")
            .CreateLogger();

    /// <summary>
    /// The logger of <c>hotrepos serve</c>: the defaults, then the <c>Serilog</c> section of its configuration
    /// (<c>Serilog:MinimumLevel</c>, <c>Serilog:MinimumLevel:Override:SOURCE</c>, sinks), then sinks registered as services.
    /// </summary>
    public static LoggerConfiguration ConfigureService(LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services)
    {
        // An unreadable level is refused at start (ServeCommand); until then, the defaults.
        var level = ConfiguredLevel(configuration, out var failure);
        Configure(logger, stderr: null, level ?? LogEventLevel.Information);
        return (failure is null ? logger.ReadFrom.Configuration(configuration) : logger).ReadFrom.Services(services);
    }

    /// <summary>
    /// The level <c>Serilog:MinimumLevel</c> (or <c>Serilog:MinimumLevel:Default</c>) sets, Information when unset;
    /// <see langword="null"/> with the problem in <paramref name="failure"/> when it names no level.
    /// </summary>
    public static LogEventLevel? ConfiguredLevel(IConfiguration configuration, out string? failure)
    {
        failure = null;
        var section = configuration.GetSection(MinimumLevelKey);
        var (key, text) = section.Value is { } value ? (MinimumLevelKey, value) : ($"{MinimumLevelKey}:Default", section["Default"]);
        if (text is null)
        {
            return LogEventLevel.Information;
        }

        if (Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _))
        {
            return level;
        }

        failure = $"{key} must be one of {string.Join(", ", Enum.GetNames<LogEventLevel>())}; got '{text}'";
        return null;
    }

    /// <summary>The defaults every verb starts from; <c>hotrepos serve</c> applies its configuration (<c>Serilog:MinimumLevel</c>) after them.</summary>
    /// <param name="configuration">The logger configuration to complete.</param>
    /// <param name="stderr">Where logs go; <see langword="null"/> means the process's stderr through the console sink.</param>
    /// <param name="minimum">The least level logged; the quieter per-source defaults (<see cref="CliLogLevels"/>) never log more than it.</param>
    public static LoggerConfiguration Configure(LoggerConfiguration configuration, TextWriter? stderr, LogEventLevel minimum = LogEventLevel.Information) =>
        Configure(configuration, stderr, CliLogLevels.From(minimum));

    private static LoggerConfiguration Configure(LoggerConfiguration configuration, TextWriter? stderr, CliLogLevels levels)
    {
        configuration
            .MinimumLevel.ControlledBy(levels.Minimum)
            .MinimumLevel.Override("System.Net.Http.HttpClient", levels.HttpClient)
            .MinimumLevel.Override("Microsoft", levels.Microsoft)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", levels.HostingLifetime)

            // A host that fails to start logs the exception with its stack; `hotrepos serve` prints it as its one `error:` line.
            .Filter.ByExcluding(e => EventName(e) == "HostedServiceStartupFaulted")
            .Enrich.FromLogContext();
        return stderr is null
            ? configuration.WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : configuration.WriteTo.Sink(new TextWriterSink(stderr, new MessageTemplateTextFormatter(Template, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The name of a Microsoft.Extensions.Logging event id (for <c>[LoggerMessage]</c>, the method's name).</summary>
    private static string? EventName(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var id) && id is StructureValue structure
            ? structure.Properties.FirstOrDefault(p => p.Name == "Name")?.Value is ScalarValue { Value: string name } ? name : null
            : null;
}
