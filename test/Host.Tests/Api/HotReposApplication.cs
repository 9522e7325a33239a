using HotRepos.GitHubEmulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace HotRepos.Host.Tests.Api;

/// <summary>
/// The real service (same host builder as <c>hotrepos serve</c>) in memory, talking to a GitHub emulator on
/// 127.0.0.1, with a memory job store, a fresh output folder and no schedules. One per test.
/// </summary>
internal sealed class HotReposApplication(GitHubEmulatorServer emulator, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("hotrepos-api-").FullName;

    public GitHubEmulatorServer Emulator => emulator;

    public static async Task<HotReposApplication> StartAsync(
        Func<EmulatorOptions, EmulatorOptions>? configureEmulator = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var options = EmulatorOptions.Unthrottled(Today);
        var emulator = await GitHubEmulatorServer.StartAsync(configureEmulator?.Invoke(options) ?? options, CancellationToken.None);
        return new HotReposApplication(emulator, settings);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await emulator.DisposeAsync();
        Directory.Delete(OutputDirectory, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["HotRepos:GitHub:BaseUrl"] = emulator.BaseUrl.ToString(),
                ["HotRepos:GitHub:RetryBaseDelay"] = "00:00:00",
                ["HotRepos:Reports:OutputDirectory"] = OutputDirectory,
                ["HotRepos:Jobs:Store"] = "Memory",
                ["HotRepos:Schedules:nightly:Enabled"] = "false",
                ["HotRepos:Schedules:weekly:Enabled"] = "false",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            configuration.AddInMemoryCollection(values);
        });
    }
}
