using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.Tests.Notifications;

/// <summary>The dispatcher alone, on a memory store and a <see cref="FakeTimeProvider"/>: retries wait for the backoff, in the provider's time.</summary>
public sealed class DeliveryDispatcherTests : IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(2);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly FakeTimeProvider _time = new(TestJobs.T0);

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task Dispatch_FirstAttemptFails_StoresTheErrorAndRetriesOnlyWhenTheBackoffHasPassed()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, _) => Task.FromResult(n == 0 ? 503 : 200), Ct);
        await using var services = CreateServices(receiver);
        var store = services.GetRequiredService<IJobStore>();
        var job = await CompleteJobAsync(services, store);
        var dispatcher = services.GetServices<IHostedService>().OfType<DeliveryDispatcher>().Single();

        await dispatcher.StartAsync(Ct);
        JobDelivery? waiting = null;
        await Polling.WaitUntilAsync(
            async () => (waiting = Assert.Single(await store.ListDeliveriesAsync([job.Id], Ct))).LastError is not null,
            TimeSpan.FromSeconds(20),
            Ct,
            "the first attempt's failure to be stored");

        Assert.Equal(DeliveryState.Pending, waiting!.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal("the webhook answered HTTP 503 Service Unavailable", waiting.LastError);
        Assert.InRange(waiting.NextAttemptAt, TestJobs.T0 + TimeSpan.FromTicks(1), TestJobs.T0 + MaxRetryDelay);
        Assert.Equal(1, receiver.Arrivals);

        // Only time moving on (the fake provider's) lets the retry go.
        JobDelivery? delivered = null;
        await Polling.WaitUntilAsync(
            async () =>
            {
                _time.Advance(TimeSpan.FromSeconds(30));
                return (delivered = Assert.Single(await store.ListDeliveriesAsync([job.Id], Ct))).State != DeliveryState.Pending;
            },
            TimeSpan.FromSeconds(20),
            Ct,
            "the retry to be delivered");
        await dispatcher.StopAsync(Ct);

        Assert.Equal(DeliveryState.Delivered, delivered!.State);
        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(2, receiver.Arrivals);
        Assert.True(delivered.FinishedAt >= waiting.NextAttemptAt, "sent no earlier than its stored next attempt");
    }

    public void Dispose() => _timeout.Dispose();

    private ServiceProvider CreateServices(WebhookReceiver receiver) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddHotReposJobs(jobs => jobs.Store = JobStoreKind.Memory)
            .AddHotReposNotifications(options =>
            {
                options.Webhooks["ops"] = new WebhookOptions { Url = receiver.Url.ToString(), Origins = [NotificationOrigin.Api] };
                options.FirstRetryDelay = FirstRetryDelay;
                options.MaxRetryDelay = MaxRetryDelay;
                options.AttemptTimeout = TimeSpan.FromMinutes(10);
                options.PollInterval = TimeSpan.FromSeconds(1);
            })
            .BuildServiceProvider();

    /// <summary>Ends a running API job as the worker does: the planner's deliveries stored with the end.</summary>
    private async Task<JobRecord> CompleteJobAsync(IServiceProvider services, IJobStore store)
    {
        var running = TestJobs.Job(state: JobState.Running) with { Origin = JobOrigins.Api };
        await store.AddAsync(running, Ct);
        var finished = running with { State = JobState.Succeeded, FinishedAt = _time.GetUtcNow() };
        var deliveries = services.GetRequiredService<IJobDeliveryPlanner>().Plan(finished);
        Assert.True(await store.TryCompleteAsync(new JobCompletion(finished, JobState.Running) { Deliveries = deliveries }, Ct));
        return finished;
    }
}
