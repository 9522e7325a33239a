extern alias PollyCore;

using System.Collections.Concurrent;
using HotRepos.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PollyCore::Polly;
using PollyCore::Polly.Retry;
using PollyCore::Polly.Timeout;

namespace HotRepos.Notifications;

/// <summary>
/// Sends the outbox: every <see cref="NotificationsOptions.PollInterval"/> it takes the due pending deliveries from
/// the job store and sends each, retried with exponential backoff and jitter until
/// <see cref="NotificationsOptions.GiveUpAfter"/> has passed since the job's end. Every attempt is claimed in the store
/// first (compare-and-set on the attempt count, leased for two attempt timeouts), so a crash mid-attempt is retried
/// after the lease and two dispatchers never send the same attempt; once a receiver acknowledges, the delivery is
/// <see cref="DeliveryState.Delivered"/> and never sent again. A failed delivery never touches its job.
/// </summary>
internal sealed class DeliveryDispatcher(
    IJobStore store,
    DeliverySender sender,
    IOptions<NotificationsOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, timeProvider);
        try
        {
            do
            {
                await DispatchDueAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: pending deliveries stay in the store and go out after the next start.
        }

        await Task.WhenAll(_inFlight.Values);
    }

    private async Task DispatchDueAsync(CancellationToken stoppingToken)
    {
        try
        {
            var free = options.Value.MaxConcurrentDeliveries - _inFlight.Count;
            if (free <= 0)
            {
                return;
            }

            var due = await store.ListDueDeliveriesAsync(timeProvider.GetUtcNow(), free + _inFlight.Count, stoppingToken);
            foreach (var delivery in due.Where(d => !_inFlight.ContainsKey(d.Id)).Take(free))
            {
                _inFlight[delivery.Id] = RunAsync(delivery, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.DispatchFailed(logger, ex);
        }
    }

    private async Task RunAsync(JobDelivery delivery, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await new DeliveryRun(delivery, store, sender, options.Value, timeProvider, logger).RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.DeliveryError(logger, ex, delivery.Id);
        }
        finally
        {
            _inFlight.TryRemove(delivery.Id, out _);
        }
    }

    /// <summary>One delivery's attempts, through a Polly pipeline: retry (exponential, jitter) around a per-attempt timeout.</summary>
    private sealed class DeliveryRun(
        JobDelivery delivery,
        IJobStore store,
        DeliverySender sender,
        NotificationsOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        private JobDelivery _current = delivery;

        public async Task RunAsync(CancellationToken stoppingToken)
        {
            var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsRetryable(ex)),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.FirstRetryDelay,
                    MaxDelay = options.MaxRetryDelay,
                    MaxRetryAttempts = int.MaxValue,
                    OnRetry = OnRetryAsync,
                })
                .AddTimeout(options.AttemptTimeout)
                .Build();
            try
            {
                await pipeline.ExecuteAsync(AttemptAsync, stoppingToken);
            }
            catch (ClaimLostException)
            {
                // Another dispatcher (or an earlier run of this one) moved it on: nothing to do here.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var failed = _current with { State = DeliveryState.Failed, FinishedAt = timeProvider.GetUtcNow(), LastError = Reason(ex) };
                if (await store.TryUpdateDeliveryAsync(failed, _current.Attempts, CancellationToken.None))
                {
                    Log.DeliveryFailed(logger, _current.Id, _current.Channel, _current.JobId, _current.Attempts, failed.LastError!);
                }
            }
        }

        private async ValueTask AttemptAsync(CancellationToken cancellationToken)
        {
            var now = timeProvider.GetUtcNow();
            var claimed = _current with { Attempts = _current.Attempts + 1, NextAttemptAt = now + (2 * options.AttemptTimeout) };
            if (!await store.TryUpdateDeliveryAsync(claimed, _current.Attempts, cancellationToken))
            {
                throw new ClaimLostException();
            }

            _current = claimed;
            await sender.SendAsync(_current, cancellationToken);

            // Acknowledged. From here on the delivery is never sent again; a crash before this write sends it once more
            // (at least once), with the same delivery id for the receiver to recognise.
            var delivered = _current with { State = DeliveryState.Delivered, FinishedAt = timeProvider.GetUtcNow(), LastError = null };
            if (await store.TryUpdateDeliveryAsync(delivered, _current.Attempts, CancellationToken.None))
            {
                Log.Delivered(logger, _current.Id, _current.Channel, _current.JobId, _current.Attempts);
            }
        }

        // Anything but a lost claim, shutdown or a final answer is worth another attempt, an unforeseen exception
        // too: leaving it to the claim's lease would try it forever, past the give-up time.
        private bool IsRetryable(Exception ex) =>
            ex is not (ClaimLostException or OperationCanceledException or DeliveryFailedException { Permanent: true })
            && timeProvider.GetUtcNow() < _current.CreatedAt + options.GiveUpAfter;

        private async ValueTask OnRetryAsync(OnRetryArguments<object> args)
        {
            var reason = Reason(args.Outcome.Exception!);
            var waiting = _current with { NextAttemptAt = timeProvider.GetUtcNow() + args.RetryDelay, LastError = reason };
            if (!await store.TryUpdateDeliveryAsync(waiting, _current.Attempts, CancellationToken.None))
            {
                throw new ClaimLostException();
            }

            _current = waiting;
            Log.DeliveryRetrying(logger, _current.Id, _current.Channel, _current.Attempts, reason, args.RetryDelay);
        }

        private string Reason(Exception ex) => ex switch
        {
            TimeoutRejectedException => $"no answer within {options.AttemptTimeout}",
            DeliveryFailedException => ex.Message,
            _ => $"unexpected error: {ex.Message}",
        };
    }

    private sealed class ClaimLostException : Exception;
}
