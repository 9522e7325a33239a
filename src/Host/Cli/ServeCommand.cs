using System.CommandLine;
using HotRepos.App.Web;
using HotRepos.Jobs;
using Serilog;

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
            await using var app = ServeApp.Build(["--urls", urls]);

            // Every option at once, before any service starts: hosted services would otherwise stop at the first.
            var failures = ConfigurationValidation.Failures(app.Services);
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

            await app.RunAsync(cancellationToken);
            return ExitCodes.Success;
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
}
