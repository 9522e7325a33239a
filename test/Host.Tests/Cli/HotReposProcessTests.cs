using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    [Theory]
    [InlineData("report", "HOTREPOS__GITHUB__REQUESTTIMEOUT", "abc", "HotRepos:GitHub:RequestTimeout must be a duration written [d.]hh:mm:ss[.fff], like 00:00:30, between 00:00:00.010 and 00:10:00; got 'abc'")]
    [InlineData("serve", "HOTREPOS__GITHUB__REQUESTTIMEOUT", "abc", "HotRepos:GitHub:RequestTimeout must be a duration written [d.]hh:mm:ss[.fff], like 00:00:30, between 00:00:00.010 and 00:10:00; got 'abc'")]
    [InlineData("report", "HOTREPOS__GITHUB__MAXPARALLELISM", "abc", "HotRepos:GitHub:MaxParallelism must be a whole number between 1 and 50; got 'abc'")]
    [InlineData("serve", "HOTREPOS__GITHUB__MAXPARALLELISM", "abc", "HotRepos:GitHub:MaxParallelism must be a whole number between 1 and 50; got 'abc'")]
    [InlineData("report", "HOTREPOS__GITHUB__MAXPARALLELISM", "99999999999", "HotRepos:GitHub:MaxParallelism must be a whole number between 1 and 50; got '99999999999'")]
    [InlineData("report", "HOTREPOS__GITHUB__REQUESTSPERMINUTE", "99999999999", "HotRepos:GitHub:RequestsPerMinute must be a whole number between 1 and 100000; got '99999999999'")]
    [InlineData("serve", "HOTREPOS__JOBS__RETENTION", "lots", "HotRepos:Jobs:Retention must be a whole number between 1 and 1000000; got 'lots'")]
    [InlineData("serve", "HOTREPOS__JOBS__SNAPSHOTRETENTIONDAYS", "lots", "HotRepos:Jobs:SnapshotRetentionDays must be a whole number between 1 and 3650; got 'lots'")]
    [InlineData("serve", "HOTREPOS__JOBS__SNAPSHOTRETENTIONDAYS", "0", "HotRepos:Jobs:SnapshotRetentionDays must be a whole number between 1 and 3650; got '0'")]
    [InlineData("serve", "HOTREPOS__SCHEDULES__NIGHTLY__ENABLED", "maybe", "HotRepos:Schedules:NIGHTLY:Enabled must be true or false; got 'maybe'")]
    [InlineData("report", "HOTREPOS__GITHUB__SOURCE", "Bogus", "HotRepos:GitHub:Source must be one of GitHub, Sample; got 'Bogus'")]
    [InlineData("serve", "HOTREPOS__GITHUB__SOURCE", "Bogus", "HotRepos:GitHub:Source must be one of GitHub, Sample; got 'Bogus'")]
    [InlineData("serve", "Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default must be one of Verbose, Debug, Information, Warning, Error, Fatal; got 'Loud'")]
    [InlineData("report", "HOTREPOS__GITHUB__MAXPARALLELISM", "500", "HotRepos:GitHub:MaxParallelism must be a whole number between 1 and 50; got '500'")]
    [InlineData("serve", "HOTREPOS__NOTIFICATIONS__WEBHOOKS__OPS__URL", "hooks.example.com/x", "HotRepos:Notifications:Webhooks:OPS:Url must be an absolute http or https URL")]
    [InlineData("serve", "HOTREPOS__NOTIFICATIONS__EMAIL__PORT", "99999", "HotRepos:Notifications:Email:Port must be a whole number between 1 and 65535; got '99999'")]
    [InlineData("serve", "HOTREPOS__NOTIFICATIONS__EMAIL__SECURITY", "Tls", "HotRepos:Notifications:Email:Security must be one of None, StartTls, SslOnConnect; got 'Tls'")]
    public async Task Run_UnusableEnvironmentValue_ExitsWith2AndOneLineNamingTheKey(string verb, string variable, string value, string expected)
    {
        var (exitCode, stdout, stderr) = await RunAsync(
            new Dictionary<string, string> { [variable] = value, ["HOTREPOS__JOBS__STORE"] = "Memory", ["HOTREPOS__GITHUB__BASEURL"] = "http://127.0.0.1:9/" },
            verb == "serve" ? ["serve", "--urls", "http://127.0.0.1:0"] : ["report", "--top", "10"]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: invalid configuration: {expected}", stderr.Trim());
    }

    [Fact]
    public async Task Serve_PostgresStoreWithoutConnectionString_OneLineNamingTheKeys()
    {
        var (exitCode, stdout, stderr) = await RunAsync(
            new Dictionary<string, string> { ["HOTREPOS__JOBS__STORE"] = "Postgres" }, ["serve", "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            "error: invalid configuration: HotRepos:Jobs:ConnectionString: HotRepos:Jobs:Store is Postgres, but ConnectionStrings:HotRepos (CONNECTIONSTRINGS__HOTREPOS) is not set",
            stderr.Trim());
    }

    [Fact]
    public async Task Report_SourceFromEnvironment_AppliesWithoutSourceOption()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(new EmulatorOptions(), CancellationToken.None);

        var (exitCode, stdout, stderr) = await RunAsync(
            new Dictionary<string, string> { ["HOTREPOS__GITHUB__SOURCE"] = "Sample", ["HOTREPOS__GITHUB__BASEURL"] = emulator.BaseUrl.ToString() },
            "report", "--top", "10");

        Assert.True(exitCode == 0, stderr);
        Assert.True(File.Exists(stdout.Trim().Split('\n')[^1]));
        Assert.Equal(0, emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task Report_SourceOption_WinsOverEnvironment()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(new EmulatorOptions(), CancellationToken.None);

        var (exitCode, _, stderr) = await RunAsync(
            new Dictionary<string, string> { ["HOTREPOS__GITHUB__SOURCE"] = "Sample", ["HOTREPOS__GITHUB__BASEURL"] = emulator.BaseUrl.ToString() },
            "report", "--top", "10", "--source", "github");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(1, emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsWithOneLineNamingTheAddress()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)busy.LocalEndpoint).Port}";

        var (exitCode, _, stderr) = await RunAsync(new Dictionary<string, string> { ["HOTREPOS__JOBS__STORE"] = "Memory" }, "serve", "--urls", address);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: cannot listen on {address}: address already in use", stderr.Trim());
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(HotReposProcess.StartInfo(_workingDirectory, environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"hotrepos {string.Join(' ', args)} did not exit within 2 minutes:\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
