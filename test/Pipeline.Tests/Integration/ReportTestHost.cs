using HotRepos.GitHub;
using HotRepos.GitHubEmulator;
using HotRepos.Reports;
using Microsoft.Extensions.DependencyInjection;
using HotRepos.Requests;

namespace HotRepos.Tests.Integration;

/// <summary>
/// A real GitHub emulator on 127.0.0.1 and the library wired by <c>AddHotRepos</c> against it, writing into
/// a fresh temporary folder. One per test, so tests stay isolated and can run in parallel.
/// </summary>
internal sealed class ReportTestHost : IAsyncDisposable
{
    /// <summary>The emulator's "today": fixed, so every run of the suite sees the same catalog.</summary>
    public static readonly DateOnly Today = new(2026, 11, 20);

    private readonly ServiceProvider _services;

    private ReportTestHost(GitHubEmulatorServer emulator, ServiceProvider services, string outputDirectory)
    {
        Emulator = emulator;
        _services = services;
        OutputDirectory = outputDirectory;
    }

    public GitHubEmulatorServer Emulator { get; }

    public string OutputDirectory { get; }

    public IReportGenerator Generator => _services.GetRequiredService<IReportGenerator>();

    public static async Task<ReportTestHost> StartAsync(
        Func<EmulatorOptions, EmulatorOptions>? configureEmulator = null,
        Action<GitHubOptions>? configureGitHub = null,
        bool enterprise = false,
        TimeProvider? timeProvider = null)
    {
        var options = EmulatorOptions.Unthrottled(Today);
        var emulator = await GitHubEmulatorServer.StartAsync(configureEmulator?.Invoke(options) ?? options, CancellationToken.None);
        var output = Directory.CreateTempSubdirectory("hotrepos-tests-").FullName;
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            // Before AddHotRepos, which only adds the system clock when none is registered.
            services.AddSingleton(timeProvider);
        }

        var provider = services
            .AddLogging()
            .AddHotRepos(
                github =>
                {
                    github.BaseUrl = (enterprise ? emulator.EnterpriseBaseUrl : emulator.BaseUrl).ToString();
                    github.RetryBaseDelay = TimeSpan.Zero;
                    configureGitHub?.Invoke(github);
                },
                reports => reports.OutputDirectory = output)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ReportTestHost(emulator, provider, output);
    }

    /// <summary>A request for the emulator's catalog, dated on its "today".</summary>
    public static ReportRequest Request(int top = 500, Period period = Period.Month) =>
        new() { Period = period, ReferenceDate = Today, Top = top };

    /// <summary>The query the library sends for <paramref name="request"/>, to ask the emulator what it expects.</summary>
    public static string QueryFor(ReportRequest request) => ReportPlan.Create(request, Today).Query;

    public IReadOnlyList<string> FilesInOutput() =>
        Directory.EnumerateFiles(OutputDirectory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList()!;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
        Directory.Delete(OutputDirectory, recursive: true);
    }
}
