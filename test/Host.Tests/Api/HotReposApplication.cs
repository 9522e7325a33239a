using HotRepos.App.Web;
using HotRepos.GitHubEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.App.Tests.Api;

/// <summary>
/// The real service (the same <see cref="ServeApp"/> as <c>hotrepos serve</c>) on a free loopback port, talking to a
/// GitHub emulator on 127.0.0.1, with a memory job store, a fresh output folder and no schedules. One per test.
/// </summary>
internal sealed class HotReposApplication : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    private readonly WebApplication _app;
    private readonly Uri _address;

    private HotReposApplication(GitHubEmulatorServer emulator, WebApplication app, string outputDirectory)
    {
        Emulator = emulator;
        OutputDirectory = outputDirectory;
        _app = app;
        _address = new Uri(app.Urls.First());
    }

    public string OutputDirectory { get; }

    /// <summary>The service's base address (http://127.0.0.1:PORT/), for tests that talk raw HTTP over a socket.</summary>
    public Uri Address => _address;

    public GitHubEmulatorServer Emulator { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<HotReposApplication> StartAsync(
        Func<EmulatorOptions, EmulatorOptions>? configureEmulator = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? timeProvider = null)
    {
        var options = EmulatorOptions.Unthrottled(Today);
        var emulator = await GitHubEmulatorServer.StartAsync(configureEmulator?.Invoke(options) ?? options, CancellationToken.None);
        var output = Directory.CreateTempSubdirectory("hotrepos-api-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["HotRepos:GitHub:BaseUrl"] = emulator.BaseUrl.ToString(),
            ["HotRepos:GitHub:RetryBaseDelay"] = "00:00:00",
            ["HotRepos:Reports:OutputDirectory"] = output,
            ["HotRepos:Jobs:Store"] = "Memory",
            ["HotRepos:Schedules:nightly:Enabled"] = "false",
            ["HotRepos:Schedules:weekly:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = ServeApp.Build(
            ["--urls", "http://127.0.0.1:0"],
            "Testing",
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(values);
                if (timeProvider is not null)
                {
                    // Before AddHotRepos, which adds TimeProvider.System only when none is registered.
                    builder.Services.AddSingleton(timeProvider);
                }
            });
        await app.StartAsync();
        return new HotReposApplication(emulator, app, output);
    }

    /// <summary>A client of the service's address; the caller disposes it.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = _address };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
        Directory.Delete(OutputDirectory, recursive: true);
    }
}
