using System.Globalization;
using HotRepos.GitHub;
using HotRepos.GitHubEmulator;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.App.Tests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("hotrepos-cli-").FullName;

    [Theory]
    [InlineData("--top 0", "error: --top must be between 1 and 10000")]
    [InlineData("--top 10001", "error: --top must be between 1 and 10000")]
    [InlineData("--period weekly", "error: --period must be one of day, week, month; got 'weekly'")]
    [InlineData("--period 1", "error: --period must be one of day, week, month; got '1'")]
    [InlineData("--group-by stars", "error: --group-by must be one of language, topic; got 'stars'")]
    [InlineData("--layout wide", "error: --layout must be one of grouped, ranked, summary; got 'wide'")]
    [InlineData("--since 2026-13-01", "error: --since must be a date written yyyy-MM-dd; got '2026-13-01'")]
    [InlineData("--since 2999-01-01", "error: --since must be between 2008-01-01 and ")]
    [InlineData("--min-stars -1", "error: --min-stars must be 0 or more; got -1")]
    [InlineData("--topic Machine_Learning", "error: --topic must be 1 to 50 lowercase letters, digits or hyphens")]
    [InlineData("--top many", "error: --top must be a whole number; got 'many'")]
    [InlineData("--top 99999999999", "error: --top is too large; got 99999999999")]
    [InlineData("--min-stars many", "error: --min-stars must be a whole number; got 'many'")]
    [InlineData("--max-parallel many", "error: --max-parallel must be a whole number; got 'many'")]
    [InlineData("--source gitlab", "error: --source must be one of github, sample; got 'gitlab'")]
    [InlineData("--github-url not-a-url", "error: --github-url must be an absolute http or https URL")]
    [InlineData("--github-url ftp://example.com", "error: --github-url must be an absolute http or https URL")]
    [InlineData("--max-parallel 0", "error: --max-parallel must be between 1 and 50; got 0")]
    [InlineData("--max-parallel 51", "error: --max-parallel must be between 1 and 50; got 51")]
    [InlineData("--verbose --quiet", "error: --verbose and --quiet cannot be used together")]
    [InlineData("--bogus", "error: Unrecognized command or argument '--bogus'")]
    public async Task Report_InvalidArgument_ExitsWith2AndNamesTheOption(string arguments, string expectedError)
    {
        var run = await CliRun.RunAsync(["report", "--out", _output, .. arguments.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.StderrLines, line => line.StartsWith(expectedError, StringComparison.Ordinal));
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
        Assert.DoesNotContain("System.", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Options'", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--top", "many")]
    [InlineData("--bogus")]
    public async Task Report_UnparsableArgument_PointsAtReportHelp(params string[] arguments)
    {
        var run = await CliRun.RunAsync(["report", .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Run 'hotrepos report --help' for usage.", run.StderrLines[^1]);
    }

    [Fact]
    public async Task Report_SeveralInvalidArguments_ReportsEachOne()
    {
        var run = await CliRun.RunAsync("report", "--top", "0", "--layout", "wide", "--source", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.StderrLines, l => l.StartsWith("error: --top", StringComparison.Ordinal));
        Assert.Contains(run.StderrLines, l => l.StartsWith("error: --layout", StringComparison.Ordinal));
        Assert.Contains(run.StderrLines, l => l.StartsWith("error: --source", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("report", "--source", "sample")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    public async Task Run_AppsettingsNotValidJson_OneErrorLineNamingTheFileAndWhereNothingDone(params string[] command)
    {
        var configuration = Directory.CreateTempSubdirectory("hotrepos-config-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(configuration, "appsettings.json"), "{ \"HotRepos\": { \"GitHub\": ");

            var run = await CliRun.RunInAsync(configuration, null, [.. command, .. command[0] == "report" ? ["--out", _output] : Array.Empty<string>()]);

            Assert.Equal(2, run.ExitCode);
            var error = Assert.Single(run.StderrLines);
            Assert.StartsWith($"error: invalid configuration: Failed to load configuration from file '{Path.Combine(configuration, "appsettings.json")}'.", error, StringComparison.Ordinal);
            Assert.Contains("LineNumber: 0", error, StringComparison.Ordinal);
            Assert.Empty(run.Stdout);
            Assert.Empty(Directory.GetFiles(_output));
        }
        finally
        {
            Directory.Delete(configuration, recursive: true);
        }
    }

    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("--help")]
    public async Task Run_NoVerbOrHelp_ShowsHelpAndExits0(params string[] arguments)
    {
        var run = await CliRun.RunAsync(arguments);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("report", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("serve", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HelpReport_ShowsTheReportHelp()
    {
        var run = await CliRun.RunAsync("help", "report");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--max-parallel", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Help_DocumentsEveryOptionWithDefaults()
    {
        var run = await CliRun.RunAsync("report", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--period", "--since", "--date", "--top", "--group-by", "--layout", "--language", "--topic", "--min-stars", "--out", "--source", "--github-url", "--max-parallel" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("[default: 500]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[default: week", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SampleSource_WritesA500RepositoryGroupedCsvAndPrintsItsPathLast()
    {
        var run = await CliRun.RunAsync("report", "--period", "week", "--source", "sample", "--out", _output);

        Assert.Equal(0, run.ExitCode);
        var path = run.StdoutLines[^1];
        Assert.True(File.Exists(path), path);
        Assert.Equal(_output, Path.GetDirectoryName(path));
        Assert.Matches(@"^github-hot-repos-week-\d{4}-\d{2}-\d{2}\.csv$", Path.GetFileName(path));
        var rows = CsvRows.ReadFile(path);
        var names = rows.Skip(1).Select(r => r[3]).ToList();

        // One row per repository (grouped by language: one group each); no movement columns, the CLI keeps no snapshots.
        Assert.Equal(["group", "rank_in_group", "rank", "full_name", "html_url", "stars", "forks", "open_issues", "language", "topics", "created_at", "description"], rows[0]);
        Assert.Equal(500, names.Count);
        Assert.Equal(500, names.Distinct().Count());
        Assert.Contains(run.StderrLines, l => l.Contains("Page 5/5: 100 items, 200 OK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_AgainstGitHubUrl_WritesTheServersRankingInRankedLayout()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(new EmulatorOptions(), CancellationToken.None);

        var run = await CliRun.RunAsync(
            "report", "--period", "month", "--top", "120", "--layout", "ranked", "--github-url", emulator.BaseUrl.ToString(), "--out", _output, "--max-parallel", "2");

        Assert.Equal(0, run.ExitCode);
        var rows = CsvRows.ReadFile(run.StdoutLines[^1]);
        var since = emulator.Today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(emulator.ExpectedRanking($"created:>={since}", 120), rows.Skip(1).Select(r => r[1]));
        Assert.Equal(2, emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task Report_GitHubFails_ExitsWith1AndEndsWithOneLineReason()
    {
        var run = await RunAgainstAFailingGitHubAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: GitHub failed (503 Service Unavailable)", run.StderrLines[^1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
    }

    [Fact]
    public async Task Report_GitHubFails_PrintsTheReasonOnce()
    {
        var run = await RunAgainstAFailingGitHubAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.StderrLines, l => l.Contains("GitHub failed (503 Service Unavailable)", StringComparison.Ordinal) && !l.Contains("Page ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.StderrLines, l => l.Contains(" ERR]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_OutputFolderCannotBeCreated_FailsBeforeAnySearch()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var blocker = Path.Combine(_output, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var folder = Path.Combine(blocker, "reports");

        var run = await CliRun.RunAsync("report", "--top", "10", "--github-url", emulator.BaseUrl.ToString(), "--out", folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: cannot write to {folder}: {blocker} is a file, not a folder", Assert.Single(run.StderrLines));
        Assert.Equal(0, emulator.Stats.TotalRequests);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Report_OutputFolderWritable_LeavesNoProbeFileBehind()
    {
        var run = await CliRun.RunAsync("report", "--top", "10", "--source", "sample", "--out", _output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([run.StdoutLines[^1]], Directory.EnumerateFileSystemEntries(_output));
    }

    [Fact]
    public async Task Report_Quiet_LogsNothingBelowWarning()
    {
        var run = await CliRun.RunAsync("report", "--top", "10", "--source", "sample", "--out", _output, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.True(File.Exists(run.StdoutLines[^1]));
    }

    [Fact]
    public async Task Report_Verbose_AlsoLogsEachHttpRequest()
    {
        var run = await CliRun.RunAsync("report", "--top", "10", "--source", "sample", "--out", _output, "--verbose");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.StderrLines, l => l.Contains("Sending HTTP request GET", StringComparison.Ordinal));
        Assert.Contains(run.StderrLines, l => l.Contains("Page 1/1: ", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    /// <summary><c>report --top 10</c> against an emulator that answers every search with 503, retries without delay.</summary>
    private async Task<CliRun> RunAgainstAFailingGitHubAsync()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(
            new EmulatorOptions { Faults = new FaultOptions { Rules = [new FaultRule(FaultKind.ServiceUnavailable)] } },
            CancellationToken.None);

        var run = await CliRun.RunAsync(
            services => services.Configure<GitHubOptions>(o => o.RetryBaseDelay = TimeSpan.Zero),
            "report", "--top", "10", "--github-url", emulator.BaseUrl.ToString(), "--out", _output);
        return run;
    }
}
