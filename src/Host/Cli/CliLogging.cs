using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace HotRepos.App.Cli;

/// <summary>Serilog for the command line: every log line goes to stderr, so stdout carries only results.</summary>
internal static class CliLogging
{
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static Serilog.Core.Logger Create(TextWriter? stderr = null) =>
        Configure(new LoggerConfiguration(), stderr).CreateLogger();

    /// <param name="configuration">The logger configuration to complete.</param>
    /// <param name="stderr">Where logs go; <see langword="null"/> means the process's stderr through the console sink.</param>
    public static LoggerConfiguration Configure(LoggerConfiguration configuration, TextWriter? stderr)
    {
        configuration
            .MinimumLevel.Information()

            // HttpClientFactory logs every request twice at Information; our own page line says more.
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext();
        return stderr is null
            ? configuration.WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : configuration.WriteTo.Sink(new TextWriterSink(stderr, new MessageTemplateTextFormatter(Template, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
