using System.CommandLine;
using System.CommandLine.Parsing;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using HotRepos.GitHub;
using HotRepos.Reports;
using Serilog;
using HotRepos.Requests;
using Microsoft.Extensions.Options;

namespace HotRepos.App.Cli;

/// <summary><c>hotrepos report</c>: one report, now; the written file's path is the last line on stdout.</summary>
internal static class ReportCommand
{
    /// <summary>
    /// Debug builds (the tests') check every registration when the provider is built; a Release build leaves each
    /// service's plan to its first resolution, as ASP.NET Core does outside Development: ~10 ms less before a report's
    /// first request (benchmarks/RESULTS.md, "Start-up cuts, round 2").
    /// </summary>
    private static readonly ServiceProviderOptions ProviderOptions = new()
    {
#if DEBUG
        ValidateOnBuild = true,
#endif
        ValidateScopes = true,
    };

    public static Command Create(HotReposCli cli)
    {
        var period = new Option<string?>("--period", "-p") { Description = "Look back over day, week or month from --date [default: week, unless --since is given]", HelpName = "day|week|month" };
        var since = new Option<string?>("--since") { Description = "First creation date to include, yyyy-MM-dd (wins over --period)", HelpName = "yyyy-MM-dd" };
        var date = new Option<string?>("--date") { Description = "Reference date, yyyy-MM-dd [default: today, UTC]", HelpName = "yyyy-MM-dd" };
        var top = new Option<int>("--top", "-n") { Description = "How many repositories, 1 to 10000", DefaultValueFactory = _ => ReportRequest.DefaultTop, CustomParser = WholeNumber };
        var groupBy = new Option<string>("--group-by") { Description = "Group by language or topic", HelpName = "language|topic", DefaultValueFactory = _ => "language" };
        var layout = new Option<string>("--layout") { Description = "CSV layout: grouped (a row per repository and group, by group), ranked (a row per repository, by rank) or summary (a row per group)", HelpName = "grouped|ranked|summary", DefaultValueFactory = _ => "grouped" };
        var language = new Option<string?>("--language") { Description = "Only repositories in this language, like rust or \"Jupyter Notebook\"" };
        var topic = new Option<string?>("--topic") { Description = "Only repositories with this topic, like machine-learning" };
        var minStars = new Option<int?>("--min-stars") { Description = "Only repositories with at least this many stars", CustomParser = r => WholeNumber(r) };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the CSV file [default: reports, or HotRepos:Reports:OutputDirectory]", HelpName = "dir" };
        var source = new Option<string?>("--source") { Description = "github (the Search API) or sample (offline snapshot shipped with HotRepos) [default: github, or HotRepos:GitHub:Source]", HelpName = "github|sample" };
        var gitHubUrl = new Option<string?>("--github-url") { Description = "GitHub API base URL [default: https://api.github.com, or HotRepos:GitHub:BaseUrl]; Enterprise: https://HOST/api/v3", HelpName = "url" };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "Pages fetched at once, 1 to 50 [default: 5, or HotRepos:GitHub:MaxParallelism]", HelpName = "n", CustomParser = r => WholeNumber(r) };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log more: debug lines and every HTTP request, on stderr" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Log only warnings and errors on stderr" };

        var command = new Command("report", "Fetch the hottest new repositories once and write them as CSV. The token comes from GITHUB_TOKEN, never from the command line.")
        {
            period, since, date, top, groupBy, layout, language, topic, minStars, output, source, gitHubUrl, maxParallel, verbose, quiet,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = new ReportRequestInput
            {
                Period = parse.GetValue(period),
                Since = parse.GetValue(since),
                Date = parse.GetValue(date),
                Top = parse.GetValue(top),
                GroupBy = parse.GetValue(groupBy),
                Layout = parse.GetValue(layout),
                Language = parse.GetValue(language),
                Topic = parse.GetValue(topic),
                MinStars = parse.GetValue(minStars),
            };
            var overrides = new Dictionary<string, string?>();
            var errors = new List<string>();
            AddSource(parse.GetValue(source), overrides, errors);
            AddGitHubUrl(parse.GetValue(gitHubUrl), overrides, errors);
            AddMaxParallel(parse.GetValue(maxParallel), overrides, errors);
            if (parse.GetValue(verbose) && parse.GetValue(quiet))
            {
                errors.Add("--verbose and --quiet cannot be used together");
            }

            if (parse.GetValue(output) is { } folder)
            {
                overrides[$"{ReportsOptions.SectionName}:{nameof(ReportsOptions.OutputDirectory)}"] = folder;
            }

            var verbosity = parse.GetValue(verbose) ? CliVerbosity.Verbose : parse.GetValue(quiet) ? CliVerbosity.Quiet : CliVerbosity.Normal;
            return await RunAsync(cli, input, overrides, errors, verbosity, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        HotReposCli cli,
        ReportRequestInput input,
        Dictionary<string, string?> overrides,
        List<string> errors,
        CliVerbosity verbosity,
        CancellationToken cancellationToken)
    {
        StartupTrace.Mark("report action");
        var head = cli.ReportHeadStart ?? ReportHeadStart.Start(cli.ConfigurationDirectory, cli.UseConsoleLogging ? null : cli.Error);
        head.LogLevels.Apply(verbosity);
        using var logger = await head.Logger;
        IConfigurationRoot filesAndEnvironment;
        try
        {
            filesAndEnvironment = await head.FilesAndEnvironment;
        }
        catch (InvalidDataException unreadable)
        {
            await cli.Error.WriteLineAsync($"error: invalid configuration: {HotReposConfiguration.Describe(unreadable)}");
            return ExitCodes.InvalidArguments;
        }

        var configuration = HotReposConfiguration.Build(filesAndEnvironment, overrides);
        StartupTrace.Mark("configuration built");
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSerilog(logger))
            .AddHotRepos(configuration)
            .AddHotReposSample();
        if (verbosity != CliVerbosity.Verbose)
        {
            // HttpClientFactory's request lines are Information and Trace, below what the command logs unless --verbose
            // (CliLogLevels); without the two handlers writing nothing, each request passes two async layers fewer.
            services.AddHttpClient(HotReposServiceCollectionExtensions.GitHubHttpClientName).RemoveAllLoggers();
        }

        cli.ConfigureServices?.Invoke(services);
        StartupTrace.Mark("services registered");
        await using var provider = services.BuildServiceProvider(ProviderOptions);
        StartupTrace.Mark("service provider built");

        // Resolving the generator builds the GitHub client's handler chain (HttpClientFactory, Polly) and the Dataflow
        // graph: no request, no file. It takes tens of milliseconds of first-call work, so it runs on another core while
        // this one checks the request and the configuration; a command that fails those checks never uses it.
        var generator = Task.Run(provider.GetRequiredService<IReportGenerator>, cancellationToken);
        try
        {
            return await CheckAndRunAsync(cli, input, errors, provider, configuration, generator, cancellationToken);
        }
        finally
        {
            // Not disposed under a resolution still running; its failure, if the checks failed too, is not the news.
            await ((Task)generator).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Checks the request and the configuration, then the output folder, then runs the report.</summary>
    private static async Task<int> CheckAndRunAsync(
        HotReposCli cli,
        ReportRequestInput input,
        List<string> errors,
        ServiceProvider provider,
        IConfiguration configuration,
        Task<IReportGenerator> resolvingGenerator,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var plan = ReportPlan.TryCreate(input, today, out var requestErrors);
        errors.AddRange(requestErrors.Select(AsOptionError));
        StartupTrace.Mark("request checked");
        errors.AddRange(ConfigurationValidation.Failures(provider, configuration));
        if (errors.Count > 0 || plan is null)
        {
            foreach (var error in errors)
            {
                await cli.Error.WriteLineAsync($"error: {error}");
            }

            return ExitCodes.InvalidArguments;
        }

        StartupTrace.Mark("request and configuration validated");

        // Before any search: an unwritable folder must not cost a rate-limited quota first.
        var folder = Path.GetFullPath(provider.GetRequiredService<IOptions<ReportsOptions>>().Value.OutputDirectory);
        if (OutputFolder.WriteProblem(folder) is { } problem)
        {
            await cli.Error.WriteLineAsync($"error: cannot write to {folder}: {problem}");
            return ExitCodes.Failure;
        }

        StartupTrace.Mark("output folder checked");
        try
        {
            var generator = await resolvingGenerator;
            StartupTrace.Mark("generator resolved");
            var result = await generator.GenerateAsync(plan, progress: null, cancellationToken);
            StartupTrace.Mark("report written");
            await cli.Out.WriteLineAsync(result.FilePath);
            return ExitCodes.Success;
        }
        catch (ReportFailedException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync("error: cancelled; no file was written");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Names the command-line option instead of the request field: "--group-by must be ..." rather than "groupBy must be ...".</summary>
    private static string AsOptionError(ReportRequestError error)
    {
        var option = "--" + string.Concat(error.Field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
        return error.Message.StartsWith(error.Field, StringComparison.Ordinal) ? option + error.Message[error.Field.Length..] : error.Message;
    }

    /// <summary>Only a given <c>--source</c> overrides <c>HotRepos:GitHub:Source</c> (appsettings.json, then the environment).</summary>
    private static void AddSource(string? value, Dictionary<string, string?> overrides, List<string> errors)
    {
        if (value is null)
        {
            return;
        }

        if (EnumText.TryParse<RepositorySource>(value, out var source))
        {
            overrides[$"{GitHubOptions.SectionName}:{nameof(GitHubOptions.Source)}"] = source.ToString();
        }
        else
        {
            errors.Add($"--source must be one of github, sample; got '{value}'");
        }
    }

    private static void AddMaxParallel(int? value, Dictionary<string, string?> overrides, List<string> errors)
    {
        if (value is not { } parallel)
        {
            return;
        }

        var range = typeof(GitHubOptions).GetProperty(nameof(GitHubOptions.MaxParallelism))!.GetCustomAttribute<RangeAttribute>()!;
        if (range.IsValid(parallel))
        {
            overrides[$"{GitHubOptions.SectionName}:{nameof(GitHubOptions.MaxParallelism)}"] = parallel.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--max-parallel must be between {range.Minimum} and {range.Maximum}; got {parallel}"));
        }
    }

    /// <summary>Parses a whole-number option; System.CommandLine's own message names the .NET type (<c>System.Int32</c>).</summary>
    private static int WholeNumber(ArgumentResult result)
    {
        var option = result.Parent is OptionResult parent ? parent.Option.Name : result.Argument.Name;
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError(System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? $"{option} is too {(text.StartsWith('-') ? "small" : "large")}; got {text}"
            : $"{option} must be a whole number; got '{text}'");
        return 0;
    }

    private static void AddGitHubUrl(string? value, Dictionary<string, string?> overrides, List<string> errors)
    {
        if (value is null)
        {
            return;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            overrides[$"{GitHubOptions.SectionName}:{nameof(GitHubOptions.BaseUrl)}"] = value;
        }
        else
        {
            errors.Add($"--github-url must be an absolute http or https URL, like https://api.github.com; got '{value}'");
        }
    }

}
