using System.Collections.Concurrent;
using HotRepos.GitHub;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using HotRepos.GitHub.Resilience;

namespace HotRepos.Tests.GitHub;

/// <summary>
/// Actions are held on <see cref="TaskCompletionSource"/>s so a test decides when each one ends. A free slot runs the
/// action synchronously inside <see cref="AdaptiveFetchLimit.RunAsync"/>; a woken waiter runs it on another
/// thread, so those entries are awaited by polling (real time only bounds a broken limiter).
/// </summary>
public sealed class AdaptiveFetchLimitTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(10));

    private readonly HeldActions _actions = new();

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 10)]
    [InlineData(5, 12)]
    public async Task RunAsync_MoreWorkThanMaxParallelism_NeverRunsMoreThanMaxParallelismAtOnce(int maxParallelism, int work)
    {
        var sut = CreateSut(maxParallelism);

        var runs = Enumerable.Range(0, work).Select(_ => sut.RunAsync(_actions.RunAsync, Ct)).ToList();
        Assert.Equal(maxParallelism, _actions.Entered);

        for (var released = 0; released < work; released++)
        {
            // Once the released actions have left and the freed slots are taken, the limiter is full again.
            var ended = released;
            var entered = Math.Min(work, released + maxParallelism);
            await WaitUntilAsync(() => _actions.Ended == ended && _actions.Entered == entered);
            Assert.Equal(Math.Min(maxParallelism, work - released), _actions.Running);
            _actions.ReleaseOldest();
        }

        Assert.Equal(Enumerable.Range(1, work), (await Task.WhenAll(runs).WaitAsync(Ct)).Order());
        Assert.Equal(maxParallelism, _actions.MaxRunning);
    }

    [Fact]
    public async Task RunAsync_ActionResult_IsReturned()
    {
        var sut = CreateSut(2);

        var result = await sut.RunAsync(_ => Task.FromResult("page"), Ct);

        Assert.Equal("page", result);
    }

    [Fact]
    public void Limit_New_IsMaxParallelism()
    {
        Assert.Equal(7, CreateSut(7).Limit);
    }

    [Fact]
    public void Lower_Repeatedly_HalvesDownToOne()
    {
        var sut = CreateSut(5);
        var limits = new List<int>();

        for (var i = 0; i < 3; i++)
        {
            sut.Lower();
            limits.Add(sut.Limit);
        }

        Assert.Equal([2, 1, 1], limits);
    }

    [Theory]
    [InlineData(50, 25)]
    [InlineData(8, 4)]
    [InlineData(3, 1)]
    [InlineData(1, 1)]
    public void Lower_Once_HalvesRoundingDownButNotBelowOne(int maxParallelism, int expected)
    {
        var sut = CreateSut(maxParallelism);

        sut.Lower();

        Assert.Equal(expected, sut.Limit);
    }

    [Fact]
    public void Lower_NothingRunning_NewWorkIsCappedAtTheLoweredLimit()
    {
        var sut = CreateSut(5);
        sut.Lower();

        _ = Enumerable.Range(0, 5).Select(_ => sut.RunAsync(_actions.RunAsync, Ct)).ToList();

        Assert.Equal(2, _actions.Entered);
    }

    [Fact]
    public async Task Lower_WhileBusy_QueuedWorkWaitsUntilBelowTheLoweredLimit()
    {
        var sut = CreateSut(4);
        var running = Enumerable.Range(0, 4).Select(_ => sut.RunAsync(_actions.RunAsync, Ct)).ToList();
        var queued = sut.RunAsync(_actions.RunAsync, Ct);

        sut.Lower();

        // Two of four finish: two still run, which is the lowered limit, so the queued one must keep waiting.
        _actions.ReleaseOldest();
        _actions.ReleaseOldest();
        await Task.WhenAll(running[0], running[1]).WaitAsync(Ct);
        Assert.Equal(4, _actions.Entered);
        Assert.False(queued.IsCompleted);

        _actions.ReleaseOldest();
        await running[2].WaitAsync(Ct);
        await EnteredAsync(5);
        Assert.Equal(2, _actions.Running);

        _actions.ReleaseAll();
        await Task.WhenAll([.. running, queued]).WaitAsync(Ct);
    }

    [Fact]
    public void RecordSuccess_FivePagesAfterLower_RaisesLimitByOne()
    {
        var sut = CreateSut(5);
        sut.Lower();
        sut.Lower();

        for (var i = 1; i < AdaptiveFetchLimit.RecoveryPages; i++)
        {
            sut.RecordSuccess();
            Assert.Equal(1, sut.Limit);
        }

        sut.RecordSuccess();

        Assert.Equal(2, sut.Limit);
    }

    [Fact]
    public void RecordSuccess_Many_GrowsBackOneStepPerFivePagesUpToMaxParallelism()
    {
        var sut = CreateSut(5);
        sut.Lower();
        sut.Lower();
        var limits = new List<int>();

        for (var i = 0; i < 6; i++)
        {
            for (var page = 0; page < AdaptiveFetchLimit.RecoveryPages; page++)
            {
                sut.RecordSuccess();
            }

            limits.Add(sut.Limit);
        }

        Assert.Equal([2, 3, 4, 5, 5, 5], limits);
    }

    [Fact]
    public void RecordSuccess_AtMaxParallelism_KeepsIt()
    {
        var sut = CreateSut(3);

        for (var i = 0; i < 20; i++)
        {
            sut.RecordSuccess();
        }

        Assert.Equal(3, sut.Limit);
    }

    [Fact]
    public void Lower_AfterSomeSuccesses_StartsTheRecoveryCountAgain()
    {
        var sut = CreateSut(8);
        sut.Lower();
        for (var i = 0; i < 4; i++)
        {
            sut.RecordSuccess();
        }

        sut.Lower();
        sut.RecordSuccess();
        Assert.Equal(2, sut.Limit);

        for (var i = 1; i < AdaptiveFetchLimit.RecoveryPages; i++)
        {
            sut.RecordSuccess();
        }

        Assert.Equal(3, sut.Limit);
    }

    [Fact]
    public async Task RecordSuccess_RaisingTheLimit_ReleasesAWaiter()
    {
        var sut = CreateSut(2);
        sut.Lower();
        var first = sut.RunAsync(_actions.RunAsync, Ct);
        var second = sut.RunAsync(_actions.RunAsync, Ct);
        Assert.Equal(1, _actions.Entered);

        for (var i = 0; i < AdaptiveFetchLimit.RecoveryPages; i++)
        {
            sut.RecordSuccess();
        }

        await EnteredAsync(2);
        Assert.Equal(2, _actions.Running);
        Assert.False(first.IsCompleted);

        _actions.ReleaseAll();
        await Task.WhenAll(first, second).WaitAsync(Ct);
    }

    [Fact]
    public async Task RunAsync_WaiterCancelled_ThrowsAndTakesNoSlot()
    {
        var sut = CreateSut(1);
        var running = sut.RunAsync(_actions.RunAsync, Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cancelled = sut.RunAsync(_actions.RunAsync, cts.Token);
        var later = sut.RunAsync(_actions.RunAsync, Ct);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Ct));

        _actions.ReleaseOldest();
        await running.WaitAsync(Ct);
        await EnteredAsync(2);
        _actions.ReleaseOldest();
        await later.WaitAsync(Ct);

        // Exactly the two uncancelled actions ran, and the one slot is free again.
        Assert.Equal(2, _actions.Entered);
        var next = sut.RunAsync(_actions.RunAsync, Ct);
        Assert.Equal(3, _actions.Entered);
        _actions.ReleaseAll();
        await next.WaitAsync(Ct);
    }

    [Fact]
    public async Task RunAsync_AllWaitersCancelled_SlotIsFreeForNewWork()
    {
        var sut = CreateSut(1);
        var running = sut.RunAsync(_actions.RunAsync, Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cancelled = Enumerable.Range(0, 3).Select(_ => sut.RunAsync(_actions.RunAsync, cts.Token)).ToList();

        await cts.CancelAsync();
        foreach (var waiter in cancelled)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(Ct));
        }

        _actions.ReleaseOldest();
        await running.WaitAsync(Ct);

        var next = sut.RunAsync(_actions.RunAsync, Ct);
        Assert.Equal(2, _actions.Entered);
        _actions.ReleaseAll();
        await next.WaitAsync(Ct);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_ActionThrows_ReleasesItsSlot(bool throwsSynchronously)
    {
        var sut = CreateSut(1);
        Func<CancellationToken, Task<int>> failing = throwsSynchronously
            ? _ => throw new InvalidOperationException("boom")
            : async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("boom");
            };

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RunAsync(failing, Ct));

        Assert.Equal("boom", exception.Message);
        var next = sut.RunAsync(_actions.RunAsync, Ct);
        Assert.Equal(1, _actions.Entered);
        _actions.ReleaseAll();
        await next.WaitAsync(Ct);
    }

    [Fact]
    public async Task RunAsync_ActionThrowsWhileOthersWait_NextWaiterRuns()
    {
        var sut = CreateSut(1);
        var failure = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = sut.RunAsync(_ => failure.Task, Ct);
        var waiting = sut.RunAsync(_actions.RunAsync, Ct);
        Assert.Equal(0, _actions.Entered);

        failure.SetException(new InvalidOperationException("boom"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Ct));

        await EnteredAsync(1);
        _actions.ReleaseAll();
        await waiting.WaitAsync(Ct);
    }

    private async Task EnteredAsync(int expected)
    {
        await WaitUntilAsync(() => _actions.Entered >= expected);
        Assert.Equal(expected, _actions.Entered);
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, Ct);
        }
    }

    private static AdaptiveFetchLimit CreateSut(int maxParallelism) =>
        new(Options.Create(new GitHubOptions { MaxParallelism = maxParallelism }), NullLogger<AdaptiveFetchLimit>.Instance);

    /// <summary>Actions that count how many run at once and end only when the test releases them, oldest first.</summary>
    private sealed class HeldActions
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _held = new();
        private readonly TaskCompletionSource _releaseAll = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _entered;
        private int _running;
        private int _ended;
        private int _maxRunning;

        public int Entered => Volatile.Read(ref _entered);

        public int Running => Volatile.Read(ref _running);

        public int MaxRunning => Volatile.Read(ref _maxRunning);

        public int Ended => Volatile.Read(ref _ended);

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var number = Interlocked.Increment(ref _entered);
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxRunning, running);
            _held.Enqueue(release);
            try
            {
                await Task.WhenAny(release.Task, _releaseAll.Task).WaitAsync(cancellationToken);
                return number;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                Interlocked.Increment(ref _ended);
            }
        }

        public void ReleaseOldest()
        {
            Assert.True(_held.TryDequeue(out var release), "no action is running");
            release.SetResult();
        }

        public void ReleaseAll() => _releaseAll.TrySetResult();

        private static void InterlockedMax(ref int target, int value)
        {
            var current = Volatile.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}
