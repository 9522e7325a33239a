using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotRepos.Tests.Notifications;

/// <summary>
/// A started <see cref="JobWorkerTestHost"/> (real worker, GitHub emulator on loopback) with notifications added,
/// quick retry settings, and every log line captured at Trace level.
/// </summary>
internal sealed class NotificationTestHost : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private NotificationTestHost(JobWorkerTestHost host, CapturingLoggerProvider logs) => (Host, Logs) = (host, logs);

    public JobWorkerTestHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<NotificationTestHost> StartAsync(Action<NotificationsOptions> configure, CancellationToken cancellationToken, string? dataDirectory = null)
    {
        var logs = new CapturingLoggerProvider();
        var host = await JobWorkerTestHost.CreateAsync(
            cancellationToken,
            dataDirectory: dataDirectory,
            configureServices: services =>
            {
                services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
                services.AddHotReposNotifications(options =>
                {
                    options.PollInterval = TimeSpan.FromMilliseconds(20);
                    options.FirstRetryDelay = TimeSpan.FromMilliseconds(10);
                    options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
                    configure(options);
                });
            });
        await host.StartAsync(cancellationToken);
        return new NotificationTestHost(host, logs);
    }

    /// <summary>Queues a small report as <paramref name="origin"/> would and waits for its end.</summary>
    public async Task<JobRecord> RunJobAsync(string origin, CancellationToken cancellationToken, int top = 10)
    {
        var queued = await Host.Jobs.EnqueueAsync(TestJobs.Request(top), origin, cancellationToken: cancellationToken);
        return await Host.WaitForFinalAsync(queued.Job.Id, cancellationToken);
    }

    /// <summary>Waits until none of the job's deliveries is pending any more, and returns them.</summary>
    public async Task<IReadOnlyList<JobDelivery>> WaitForDeliveriesAsync(string jobId, int count, CancellationToken cancellationToken)
    {
        IReadOnlyList<JobDelivery> deliveries = [];
        await Polling.WaitUntilAsync(
            async () => (deliveries = await Host.Store.ListDeliveriesAsync([jobId], cancellationToken)).Count == count
                && deliveries.All(d => d.State != DeliveryState.Pending),
            Timeout,
            cancellationToken,
            $"{count} deliveries of job {jobId} to finish (seen: {string.Join(", ", deliveries.Select(d => $"{d.Channel} {d.State} {d.LastError}"))})");
        return deliveries;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
