using System.CommandLine;
using HotRepos.App.Web;
using HotRepos.Jobs;
using Serilog;
using Serilog.Core;

namespace HotRepos.App.Cli;

/// <summary><c>hotrepos serve</c>: the HTTP API, the web page, the job worker and the scheduler, until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(HotReposCli cli)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", HelpName = "url", DefaultValueFactory = _ => ServeApp.DefaultUrl };
        var command = new Command("serve", "Run the HTTP API and web page with the job worker and the scheduler. Configuration: appsettings.json, then HOTREPOS__* environment variables.")
        {
            urls,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(cli, parse.GetValue(urls)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(HotReposCli cli, string urls, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(urls.Split(';')[0], UriKind.Absolute, out var first) || (first.Scheme != Uri.UriSchemeHttp && first.Scheme != Uri.UriSchemeHttps))
        {
            await cli.Error.WriteLineAsync($"error: --urls must be http:// or https:// URLs separated by ';'; got '{urls}'");
            return ExitCodes.InvalidArguments;
        }

        // Two-stage initialization: a console logger until the host's own Serilog takes over.
        Log.Logger = CliLogging.Configure(new LoggerConfiguration(), cli.UseConsoleLogging ? null : cli.Error).CreateBootstrapLogger();
        try
        {
            var quietAfterStartFailure = new SwitchableLogFilter();
            await using var app = ServeApp.Build(
                ["--urls", urls], configure: builder => builder.Services.AddSingleton<ILogEventFilter>(quietAfterStartFailure), contentRoot: cli.ConfigurationDirectory);

            // Every option at once, before any service starts: hosted services would otherwise stop at the first.
            var failures = ConfigurationValidation.Failures(app.Services, app.Configuration);
            if (CliLogging.ConfiguredLevel(app.Configuration, out var logLevelFailure) is null)
            {
                failures.Add($"invalid configuration: {logLevelFailure}");
            }

            if (failures.Count > 0)
            {
                foreach (var failure in failures)
                {
                    await cli.Error.WriteLineAsync($"error: {failure}");
                }

                return ExitCodes.InvalidArguments;
            }

            // Before the host starts, so a data directory that cannot be used (or that another process holds) is one line.
            try
            {
                await app.Services.GetRequiredService<IJobsStartup>().EnsureReadyAsync(cancellationToken);
            }
            catch (DataDirectoryException ex)
            {
                await cli.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Failure;
            }


            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex) when (ListenFailure(ex) is { } failure)
            {
                // Stop what did start, so background services end as on a normal stop (not as "failed"), silently:
                // an application that never started has nothing to say but the one error line.
                quietAfterStartFailure.Enabled = false;
                await app.StopAsync(CancellationToken.None);
                await cli.Error.WriteLineAsync($"error: {failure}");
                return ExitCodes.Failure;
            }

            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (InvalidDataException unreadable)
        {
            await cli.Error.WriteLineAsync($"error: invalid configuration: {HotReposConfiguration.Describe(unreadable)}");
            return ExitCodes.InvalidArguments;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            Log.Fatal(ex, "hotrepos serve stopped");
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    /// <summary>
    /// Kestrel's "Failed to bind to address http://127.0.0.1:5080: address already in use." as one line,
    /// <c>cannot listen on http://127.0.0.1:5080: address already in use</c>; <see langword="null"/> for other failures.
    /// </summary>
    private static string? ListenFailure(IOException exception)
    {
        const string Prefix = "Failed to bind to address ";
        if (!exception.Message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var address = exception.Message[Prefix.Length..].TrimEnd('.');
        var reason = exception.InnerException?.Message.TrimEnd('.');
        var colon = reason is null ? -1 : address.IndexOf(": " + reason, StringComparison.OrdinalIgnoreCase);
        address = colon >= 0 ? address[..colon] : address;
        return reason is null ? $"cannot listen on {address}" : $"cannot listen on {address}: {char.ToLowerInvariant(reason[0])}{reason[1..]}";
    }
}
