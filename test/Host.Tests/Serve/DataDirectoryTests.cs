using System.Net;
using System.Text.RegularExpressions;

namespace HotRepos.App.Tests.Serve;

/// <summary>Real <c>serve</c> processes and their data directory: one that cannot be used, and one that another process holds.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-datadir-").FullName;

    [Fact]
    public async Task Serve_UnusableDataDirectory_ExitsNonZeroWithOneErrorLine()
    {
        var (exitCode, output) = await ServeProcess.RunToExitAsync(_root, Environment("/proc/nope"), ExitTimeout);

        Assert.True(exitCode is not null, $"serve should stop at start, but it was still running after {ExitTimeout.TotalSeconds} s:\n{output}");
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.StartsWith("error: cannot use the data directory /proc/nope: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SecondProcessOnTheSameDataDirectory_ExitsNamingTheHolderWhileTheFirstKeepsServing()
    {
        var data = Path.Combine(_root, "data");
        await using var first = await ServeProcess.StartAsync(_root, Environment(data));

        var (exitCode, output) = await ServeProcess.RunToExitAsync(_root, Environment(data), ExitTimeout);

        Assert.True(exitCode is not null, $"the second serve should stop at start, but it was still running after {ExitTimeout.TotalSeconds} s:\n{output}");
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.Matches(
            $"^error: the data directory {Regex.Escape(data)} is in use by process {first.Id} \\(started [^)]+\\); one data directory serves one process$",
            line);
        using var health = await first.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var jobs = await first.Client.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private Dictionary<string, string> Environment(string dataDirectory) => new()
    {
        ["HOTREPOS__GITHUB__BASEURL"] = "http://127.0.0.1:9/",
        ["HOTREPOS__JOBS__STORE"] = "Sqlite",
        ["HOTREPOS__JOBS__DATADIRECTORY"] = dataDirectory,
        ["HOTREPOS__REPORTS__OUTPUTDIRECTORY"] = Path.Combine(_root, "reports"),
        ["HOTREPOS__SCHEDULES__NIGHTLY__ENABLED"] = "false",
        ["HOTREPOS__SCHEDULES__WEEKLY__ENABLED"] = "false",
    };
}
