using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.GitHub.Resilience;

/// <summary>
/// The adaptive part of the fetch limit. The report graph's fetch block runs at most
/// <see cref="GitHubOptions.MaxParallelism"/> pages at once (its <c>MaxDegreeOfParallelism</c> is the process's cap);
/// this holds some of those back after a secondary rate limit: the limit halves (down to 1) and then grows back by
/// one per <see cref="RecoveryPages"/> successful pages. GitHub asks integrators to slow down, not to stop. At the full
/// limit it never makes a page wait.
/// </summary>
internal sealed class AdaptiveFetchLimit(IOptions<GitHubOptions> options, ILogger<AdaptiveFetchLimit> logger)
{
    public const int RecoveryPages = 5;

    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly int _maximum = options.Value.MaxParallelism;
    private int _limit = options.Value.MaxParallelism;
    private int _inUse;
    private int _successes;

    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await AcquireAsync(cancellationToken);
        try
        {
            return await action(cancellationToken);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Halves the cap after GitHub answered with a secondary rate limit.</summary>
    public void Lower()
    {
        lock (_gate)
        {
            var lowered = Math.Max(1, _limit / 2);
            _successes = 0;
            if (lowered < _limit)
            {
                _limit = lowered;
                Log.ConcurrencyLowered(logger, lowered);
            }
        }
    }

    /// <summary>Counts a page that went well; enough of them raise a lowered cap by one.</summary>
    public void RecordSuccess()
    {
        lock (_gate)
        {
            if (_limit < _maximum && ++_successes >= RecoveryPages)
            {
                _limit++;
                _successes = 0;
                WakeWaiters();
            }
        }
    }

    private Task AcquireAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inUse < _limit)
            {
                _inUse++;
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                // A cancelled waiter stays in the queue; WakeWaiters skips it because TrySetResult fails.
                var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
                _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return waiter.Task;
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _inUse--;
            WakeWaiters();
        }
    }

    private void WakeWaiters()
    {
        while (_inUse < _limit && _waiters.TryDequeue(out var waiter))
        {
            if (waiter.TrySetResult())
            {
                _inUse++;
            }
        }
    }
}
