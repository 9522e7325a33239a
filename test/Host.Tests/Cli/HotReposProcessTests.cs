using System.Diagnostics;
using HotRepos.GitHubEmulator;
using HotRepos.App.Tests.TestSupport;

namespace HotRepos.App.Tests.Cli;

/// <summary>The real <c>hotrepos</c> executable in its own process, configured through its environment.</summary>
public sealed class HotReposProcessTests : IDisposable
{
    private const string Token = "ghp_processTestToken0123456789";
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("hotrepos-process-").FullName;

    [Fact]
    public async Task Report_GitHubTokenFromEnvironment_IsSentAsBearerAndAppearsInNoOutput()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(new EmulatorOptions { ValidTokens = [Token] }, CancellationToken.None);

        var (exitCode, stdout, stderr) = await RunAsync(
            new Dictionary<string, string>
            {
                ["GITHUB_TOKEN"] = Token,
                ["HOTREPOS__GITHUB__BASEURL"] = emulator.BaseUrl.ToString(),
                ["HOTREPOS__REPORTS__OUTPUTDIRECTORY"] = "out-from-env",
            },
            "report", "--top", "150", "--layout", "ranked");

        Assert.True(exitCode == 0, stderr);
        var path = stdout.Trim().Split('\n')[^1];
        Assert.Equal(Path.Combine(_workingDirectory, "out-from-env"), Path.GetDirectoryName(path));
        Assert.All(emulator.Stats.Requests, r => Assert.Equal("Bearer", r.AuthorizationScheme));
        Assert.Equal(2, emulator.Stats.CountStatus(200));
        Assert.DoesNotContain(Token, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_InvalidEnvironmentConfiguration_ExitsWith2()
    {
        var (exitCode, _, stderr) = await RunAsync(
            new Dictionary<string, string> { ["HOTREPOS__GITHUB__MAXPARALLELISM"] = "500" },
            "report", "--source", "sample");

        Assert.Equal(2, exitCode);
        Assert.Contains("error: invalid configuration: ", stderr, StringComparison.Ordinal);
        Assert.Contains("MaxParallelism", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_InvalidConfiguration_ExitsWith2BeforeListening()
    {
        var (exitCode, _, stderr) = await RunAsync(
            new Dictionary<string, string>
            {
                ["HOTREPOS__JOBS__MAXCONCURRENTJOBS"] = "0",
                ["HOTREPOS__SCHEDULES__NIGHTLY__CRON"] = "every night",
            },
            "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Contains("error: invalid configuration: ", stderr, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentJobs", stderr, StringComparison.Ordinal);
        Assert.Contains("schedule 'nightly': 'every night' is not a 5-field cron expression", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(HotReposProcess.StartInfo(_workingDirectory, environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
