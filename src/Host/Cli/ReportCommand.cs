using System.CommandLine;
using HotRepos.GitHub;
using HotRepos.Reports;
using Serilog;
using HotRepos.Requests;

namespace HotRepos.App.Cli;

/// <summary><c>hotrepos report</c>: one report, now; the written file's path is the last line on stdout.</summary>
internal static class ReportCommand
{
    public static Command Create(HotReposCli cli)
    {
        var period = new Option<string?>("--period", "-p") { Description = "Look back over day, week or month from --date [default: week, unless --since is given]", HelpName = "day|week|month" };
        var since = new Option<string?>("--since") { Description = "First creation date to include, yyyy-MM-dd (wins over --period)", HelpName = "yyyy-MM-dd" };
        var date = new Option<string?>("--date") { Description = "Reference date, yyyy-MM-dd [default: today, UTC]", HelpName = "yyyy-MM-dd" };
        var top = new Option<int>("--top", "-n") { Description = "How many repositories, 1 to 1000", DefaultValueFactory = _ => ReportRequest.DefaultTop };
        var groupBy = new Option<string>("--group-by") { Description = "Group by language or topic", HelpName = "language|topic", DefaultValueFactory = _ => "language" };
        var layout = new Option<string>("--layout") { Description = "CSV layout: grouped (a row per group) or ranked (a row per repository)", HelpName = "grouped|ranked", DefaultValueFactory = _ => "grouped" };
        var language = new Option<string?>("--language") { Description = "Only repositories in this language, like rust or \"Jupyter Notebook\"" };
        var topic = new Option<string?>("--topic") { Description = "Only repositories with this topic, like machine-learning" };
        var minStars = new Option<int?>("--min-stars") { Description = "Only repositories with at least this many stars" };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the CSV file [default: reports, or HotRepos:Reports:OutputDirectory]", HelpName = "dir" };
        var source = new Option<string>("--source") { Description = "github (the Search API) or sample (offline snapshot shipped with HotRepos)", HelpName = "github|sample", DefaultValueFactory = _ => "github" };
        var gitHubUrl = new Option<string?>("--github-url") { Description = "GitHub API base URL [default: https://api.github.com, or HotRepos:GitHub:BaseUrl]; Enterprise: https://HOST/api/v3", HelpName = "url" };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "Pages fetched at once, 1 to 50 [default: 5, or HotRepos:GitHub:MaxParallelism]", HelpName = "n" };

        var command = new Command("report", "Fetch the hottest new repositories once and write them as CSV. The token comes from GITHUB_TOKEN, never from the command line.")
        {
            period, since, date, top, groupBy, layout, language, topic, minStars, output, source, gitHubUrl, maxParallel,
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
            if (parse.GetValue(maxParallel) is { } parallel)
            {
                overrides[$"{GitHubOptions.SectionName}:{nameof(GitHubOptions.MaxParallelism)}"] = parallel.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(output) is { } folder)
            {
                overrides[$"{ReportsOptions.SectionName}:{nameof(ReportsOptions.OutputDirectory)}"] = folder;
            }

            return await RunAsync(cli, input, overrides, errors, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        HotReposCli cli,
        ReportRequestInput input,
        Dictionary<string, string?> overrides,
        List<string> errors,
        CancellationToken cancellationToken)
    {
        var configuration = HotReposConfiguration.Build(overrides);
        using var logger = CliLogging.Create(cli.UseConsoleLogging ? null : cli.Error);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSerilog(logger))
            .AddHotRepos(configuration)
            .AddHotReposSample();
        cli.ConfigureServices?.Invoke(services);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var today = DateOnly.FromDateTime(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var plan = ReportPlan.TryCreate(input, today, out var requestErrors);
        errors.AddRange(requestErrors.Select(AsOptionError));
        errors.AddRange(ConfigurationValidation.Failures(provider));
        if (errors.Count > 0 || plan is null)
        {
            foreach (var error in errors)
            {
                await cli.Error.WriteLineAsync($"error: {error}");
            }

            return ExitCodes.InvalidArguments;
        }

        try
        {
            var result = await provider.GetRequiredService<IReportGenerator>().GenerateAsync(plan, progress: null, cancellationToken);
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

    private static void AddSource(string? value, Dictionary<string, string?> overrides, List<string> errors)
    {
        if (EnumText.TryParse<RepositorySource>(value, out var source))
        {
            overrides[$"{GitHubOptions.SectionName}:{nameof(GitHubOptions.Source)}"] = source.ToString();
        }
        else
        {
            errors.Add($"--source must be one of github, sample; got '{value}'");
        }
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
