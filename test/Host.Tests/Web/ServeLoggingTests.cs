using System.Collections.Concurrent;
using System.Net;
using HotRepos.App.Tests.Api;
using HotRepos.App.Web;
using HotRepos.GitHubEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace HotRepos.App.Tests.Web;

/// <summary>What <c>hotrepos serve</c> logs: levels by outcome, and the level taken from configuration.</summary>
public sealed class ServeLoggingTests
{
    private static readonly string Date = ApiClient.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task RequestLogging_QueueFull_Logs503AsWarningAndNothingAsError()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new CapturingSink();
        await using var app = await LoggingApplication.StartAsync(
            events,
            new Dictionary<string, string?> { ["HotRepos:Jobs:QueueCapacity"] = "1", ["HotRepos:Jobs:MaxConcurrentJobs"] = "1" },
            o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        using var client = app.CreateClient();
        var running = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(running.Id(), "Running");
        await client.PostReportAsync(new { top = 11, date = Date });

        var refused = await client.PostReportAsync(new { top = 12, date = Date });
        var notFound = await client.GetAsync("/api/reports/0123456789abcdef0123456789abcdef");

        gate.SetResult();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(LogEventLevel.Warning, (await events.WaitForRequestAsync("POST", "/api/reports", 503)).Level);
        Assert.Equal(LogEventLevel.Information, (await events.WaitForRequestAsync("GET", "/api/reports/0123456789abcdef0123456789abcdef", 404)).Level);
        Assert.DoesNotContain(events.All, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task RequestLogging_Polling_LogsAtDebugAndChangesAtInformation()
    {
        var events = new CapturingSink();
        await using var app = await LoggingApplication.StartAsync(events, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Debug" });
        using var client = app.CreateClient();

        var job = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(job.Id(), "Succeeded");
        await client.GetAsync("/api/reports");
        await client.GetAsync("/healthz");

        Assert.Equal(LogEventLevel.Information, (await events.WaitForRequestAsync("POST", "/api/reports", 202)).Level);
        Assert.Equal(LogEventLevel.Debug, (await events.WaitForRequestAsync("GET", $"/api/reports/{job.Id()}", 200)).Level);
        Assert.Equal(LogEventLevel.Debug, (await events.WaitForRequestAsync("GET", "/api/reports", 200)).Level);
        Assert.Equal(LogEventLevel.Debug, (await events.WaitForRequestAsync("GET", "/healthz", 200)).Level);
        Assert.All(events.Requests("GET", $"/api/reports/{job.Id()}", 200), e => Assert.Equal(LogEventLevel.Debug, e.Level));
    }

    [Fact]
    public async Task Serve_SerilogMinimumLevelWarning_LogsNoInformation()
    {
        var events = new CapturingSink();
        await using var app = await LoggingApplication.StartAsync(events, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" });
        using var client = app.CreateClient();

        var job = await (await client.PostReportAsync(new { top = 10, date = Date })).ReadJsonAsync();
        await client.WaitForStateAsync(job.Id(), "Succeeded");

        Assert.DoesNotContain(events.All, e => e.Level < LogEventLevel.Warning);
    }

    /// <summary>Collects every event the service's Serilog pipeline emits (registered in DI: <c>ReadFrom.Services</c>).</summary>
    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyCollection<LogEvent> All => _events;

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        /// <summary>The request's line is written after its response has been sent, so the client can be first: wait for it (at most 30 s).</summary>
        public async Task<LogEvent> WaitForRequestAsync(string method, string path, int status)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                if (Requests(method, path, status).FirstOrDefault() is { } found)
                {
                    return found;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, deadline.Token);
            }
        }

        public IEnumerable<LogEvent> Requests(string method, string path, int status) => _events.Where(e =>
            Scalar(e, "RequestMethod") as string == method && Scalar(e, "RequestPath") as string == path && Scalar(e, "StatusCode") as int? == status);

        private static object? Scalar(LogEvent e, string name) =>
            e.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value : null;
    }

    /// <summary>ServeApp as <see cref="HotReposApplication"/> starts it, plus a sink that captures its log events.</summary>
    private sealed class LoggingApplication(WebApplication app, GitHubEmulatorServer emulator, string output) : IAsyncDisposable
    {
        public static async Task<LoggingApplication> StartAsync(ILogEventSink sink, Dictionary<string, string?> settings, Func<EmulatorOptions, EmulatorOptions>? configureEmulator = null)
        {
            var options = EmulatorOptions.Unthrottled(ApiClient.Today);
            var emulator = await GitHubEmulatorServer.StartAsync(configureEmulator?.Invoke(options) ?? options, CancellationToken.None);
            var output = Directory.CreateTempSubdirectory("hotrepos-logging-").FullName;
            var values = new Dictionary<string, string?>(settings)
            {
                ["HotRepos:GitHub:BaseUrl"] = emulator.BaseUrl.ToString(),
                ["HotRepos:GitHub:RetryBaseDelay"] = "00:00:00",
                ["HotRepos:Reports:OutputDirectory"] = output,
                ["HotRepos:Jobs:Store"] = "Memory",
                ["HotRepos:Schedules:nightly:Enabled"] = "false",
                ["HotRepos:Schedules:weekly:Enabled"] = "false",
            };
            var app = ServeApp.Build(["--urls", "http://127.0.0.1:0"], "Testing", builder =>
            {
                builder.Configuration.AddInMemoryCollection(values);
                builder.Services.AddSingleton(sink);
            });
            await app.StartAsync();
            return new LoggingApplication(app, emulator, output);
        }

        public HttpClient CreateClient() => new() { BaseAddress = new Uri(app.Urls.First()) };

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await emulator.DisposeAsync();
            Directory.Delete(output, recursive: true);
        }
    }
}
