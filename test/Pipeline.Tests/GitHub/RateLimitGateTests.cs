using HotRepos.GitHub;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using HotRepos.GitHub.Resilience;

namespace HotRepos.Tests.GitHub;

/// <summary>
/// The process-wide gate on a fake clock: a wait is "pending" until <see cref="FakeTimeProvider.Advance"/> passes
/// the moment it waits for. A gate that lets a request go decides synchronously, so an immediate pass is a task that
/// is already complete when <see cref="RateLimitGate.WaitAsync(bool, CancellationToken)"/> returns.
/// </summary>
public sealed class RateLimitGateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 13, 45, 0, TimeSpan.Zero);

    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    // Only a safety net so that a broken gate fails the test instead of hanging it; no assertion depends on it.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(10));

    private readonly TimerCountingTimeProvider _time = new(Start);

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public void WaitAsync_NoKnowledge_CompletesAtOnce()
    {
        var sut = CreateSut();

        for (var i = 0; i < 100; i++)
        {
            Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully, $"request {i + 1} should pass at once");
        }
    }

    [Fact]
    public async Task WaitAsync_QuotaUsedUp_StaysPendingUntilResetPlusSkew()
    {
        var sut = CreateSut();
        await AnswerAsync(sut, new RateLimitInfo(10, 0, Start.AddSeconds(30), "search"), succeeded: false);

        var waiting = sut.WaitAsync(false, Ct);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted, "the reset itself is not enough: the skew margin comes on top");

        _time.Advance(Skew - Tick);
        Assert.False(waiting.IsCompleted);

        _time.Advance(Tick);
        await CompletesAsync(waiting);
    }

    [Fact]
    public async Task WaitAsync_RemainingTwo_LetsTwoGoAndHoldsTheThird()
    {
        var sut = CreateSut();
        await AnswerAsync(sut, new RateLimitInfo(10, 2, Start.AddSeconds(30), "search"), succeeded: true);

        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        var third = sut.WaitAsync(false, Ct);
        Assert.False(third.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(31));
        await CompletesAsync(third);
    }

    [Fact]
    public async Task Observe_SameWindowLowerRemaining_LowersBudget()
    {
        var sut = CreateSut();
        var reset = Start.AddSeconds(30);
        await AnswerAsync(sut, new RateLimitInfo(10, 5, reset, "search"), succeeded: true);

        // The next request, alone on the way, finds one left instead of four: someone else (another process, the
        // same token) spent three. GitHub's count wins when our own requests cannot explain it.
        await AnswerAsync(sut, new RateLimitInfo(10, 1, reset, "search"), succeeded: true);

        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        Assert.False(sut.WaitAsync(false, Ct).IsCompleted);
    }

    [Fact]
    public async Task Observe_SameWindowHigherRemaining_DoesNotRaiseBudget()
    {
        var sut = CreateSut();
        var reset = Start.AddSeconds(30);
        await AnswerAsync(sut, new RateLimitInfo(10, 9, reset, "search"), succeeded: true);
        var a = await sut.WaitAsync(false, Ct);
        var b = await sut.WaitAsync(false, Ct);

        // GitHub counted A, then B; B answers first. A's answer left earlier and counted fewer of our requests: its
        // higher Remaining must not hand out room that B has already taken.
        sut.Observe(b, new RateLimitInfo(10, 7, reset, "search"), succeeded: true);
        sut.Observe(a, new RateLimitInfo(10, 8, reset, "search"), succeeded: true);

        Assert.Equal(7, PassingAtOnce(sut));
    }

    // Five requests leave at once and GitHub counts all five before the first answer arrives: that answer's
    // Remaining already includes the four still in flight. Subtracting them again loses four of the window's ten.
    [Fact]
    public async Task Observe_FirstAnswersOfAWindowWhileOthersAreInFlight_EveryRequestOfTheWindowIsUsed()
    {
        var sut = CreateSut();
        var reset = Start.AddSeconds(30);
        var tickets = new List<RateLimitGate.Ticket>();
        for (var i = 0; i < 5; i++)
        {
            tickets.Add(await sut.WaitAsync(false, Ct));
        }

        // GitHub counted them 1..5 (Remaining 9..5); the one it counted last answers first.
        foreach (var (ticket, remaining) in tickets.Zip([5, 9, 8, 7, 6]))
        {
            sut.Observe(ticket, new RateLimitInfo(10, remaining, reset, "search"), succeeded: true);
        }

        Assert.Equal(5, PassingAtOnce(sut));
    }

    [Fact]
    public async Task Observe_StaleAnswerWithOlderReset_DoesNotRestoreBudget()
    {
        var sut = CreateSut();
        var reset = Start.AddSeconds(30);
        await AnswerAsync(sut, new RateLimitInfo(10, 1, reset, "search"), succeeded: true);
        var last = sut.WaitAsync(false, Ct);
        Assert.True(last.IsCompletedSuccessfully);

        sut.Observe(await last, new RateLimitInfo(10, 9, reset.AddSeconds(-60), "search"), succeeded: true);

        Assert.False(sut.WaitAsync(false, Ct).IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_WindowOver_FullLimitIsAvailableAgain()
    {
        var sut = CreateSut();
        await AnswerAsync(sut, new RateLimitInfo(3, 0, Start.AddSeconds(30), "search"), succeeded: false);

        _time.Advance(TimeSpan.FromSeconds(31));

        var first = sut.WaitAsync(false, Ct);
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);

        // The limit is used up and the new window's end is unknown until one of the three answers.
        var fourth = sut.WaitAsync(false, Ct);
        Assert.False(fourth.IsCompleted);

        var newReset = Start.AddSeconds(91);
        var timers = _time.TimersCreated;
        sut.Observe(await first, new RateLimitInfo(3, 0, newReset, "search"), succeeded: true);
        await TimerCreatedAsync(timers);
        _time.Advance(newReset + Skew - _time.GetUtcNow() - Tick);
        Assert.False(fourth.IsCompleted);

        _time.Advance(Tick);
        await CompletesAsync(fourth);
    }

    // A late answer from a window that has already ended (sent just before its reset, answered just after) carries
    // the old reset time. It must not count against the new window, and above all must not hand out the full limit
    // a second time.
    [Fact]
    public async Task Observe_LateAnswerFromEndedWindow_DoesNotRestoreFullLimit()
    {
        var sut = CreateSut();
        var oldReset = Start.AddSeconds(30);
        await AnswerAsync(sut, new RateLimitInfo(10, 1, oldReset, "search"), succeeded: true);
        var late = sut.WaitAsync(false, Ct);
        Assert.True(late.IsCompletedSuccessfully);

        _time.Advance(TimeSpan.FromSeconds(31));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully, $"new-window request {i + 1} should pass at once");
        }

        // The request sent in the old window comes back now, with the old window's headers.
        sut.Observe(await late, new RateLimitInfo(10, 0, oldReset, "search"), succeeded: true);

        // Three of the new window's ten are taken: at most seven more may go before an answer tells the rest.
        Assert.Equal(7, PassingAtOnce(sut));
    }

    [Fact]
    public async Task Observe_NullRateLimitNotSucceeded_IsAcceptedAndChangesNoBudget()
    {
        var sut = CreateSut();

        sut.Observe(await sut.WaitAsync(false, Ct), null, succeeded: false);
        sut.Observe(await sut.WaitAsync(false, Ct), null, succeeded: false);

        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        Assert.Equal(0, sut.SecondaryStreak);
    }

    [Fact]
    public async Task WaitAsync_NewWindowUsedUpAnswerWithoutHeaders_KeepsWaitingForAnAnswerWithThem()
    {
        var sut = CreateSut();
        await AnswerAsync(sut, new RateLimitInfo(1, 0, Start.AddSeconds(10), "search"), succeeded: false);
        _time.Advance(TimeSpan.FromSeconds(11));
        var first = sut.WaitAsync(false, Ct);
        Assert.True(first.IsCompletedSuccessfully);

        var second = sut.WaitAsync(false, Ct);
        var timers = _time.TimersCreated;

        // An answer without headers (a connection reset, say) of a request sent before anything came back.
        sut.Observe(new RateLimitGate.Ticket(0), null, succeeded: false);
        await TimerCreatedAsync(timers);
        Assert.False(second.IsCompleted);

        // Its one-second poll finds nothing new either.
        timers = _time.TimersCreated;
        _time.Advance(TimeSpan.FromSeconds(1));
        await TimerCreatedAsync(timers);
        Assert.False(second.IsCompleted);

        var newReset = _time.GetUtcNow().AddSeconds(20);
        timers = _time.TimersCreated;
        sut.Observe(await first, new RateLimitInfo(1, 0, newReset, "search"), succeeded: true);
        await TimerCreatedAsync(timers);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(second.IsCompleted);

        _time.Advance(Skew);
        await CompletesAsync(second);
    }

    [Fact]
    public async Task PauseUntil_HoldsEveryNewRequestUntilThen()
    {
        var sut = CreateSut();
        var until = Start.AddSeconds(60);

        sut.PauseUntil(until);
        var first = sut.WaitAsync(false, Ct);
        var second = sut.WaitAsync(false, Ct);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(60) - Tick);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        _time.Advance(Tick);
        await CompletesAsync(first);
        await CompletesAsync(second);
        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task PauseUntil_EarlierThanCurrentPause_KeepsTheLaterOne()
    {
        var sut = CreateSut();
        sut.PauseUntil(Start.AddSeconds(60));
        sut.PauseUntil(Start.AddSeconds(10));

        var waiting = sut.WaitAsync(false, Ct);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await CompletesAsync(waiting);
    }

    [Fact]
    public void PauseUntil_Repeated_IncrementsSecondaryStreak()
    {
        var sut = CreateSut();
        Assert.Equal(0, sut.SecondaryStreak);

        sut.PauseUntil(Start.AddSeconds(60));
        Assert.Equal(1, sut.SecondaryStreak);

        sut.PauseUntil(Start.AddSeconds(120));
        sut.PauseUntil(Start.AddSeconds(30));
        Assert.Equal(3, sut.SecondaryStreak);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 2)]
    public void Observe_AfterSecondaryLimits_ResetsStreakOnlyWhenSucceeded(bool succeeded, int expectedStreak)
    {
        var sut = CreateSut();
        sut.PauseUntil(Start.AddSeconds(60));
        sut.PauseUntil(Start.AddSeconds(120));

        sut.Observe(new RateLimitGate.Ticket(0), new RateLimitInfo(30, 20, Start.AddSeconds(30), "search"), succeeded);

        Assert.Equal(expectedStreak, sut.SecondaryStreak);
    }

    [Fact]
    public async Task WaitAsync_WaitLongerThanMaxRateLimitWait_ThrowsRateLimitedWithResetTime()
    {
        var sut = CreateSut(new GitHubOptions { MaxRateLimitWait = TimeSpan.FromSeconds(90) });
        await AnswerAsync(sut, new RateLimitInfo(30, 0, Start.AddSeconds(120), "search"), succeeded: false);

        var exception = await Assert.ThrowsAsync<GitHubApiException>(() => sut.WaitAsync(false, Ct));

        Assert.Equal(GitHubErrorKind.RateLimited, exception.Kind);
        Assert.Contains("13:47:00 UTC", exception.Message, StringComparison.Ordinal);
    }

    // A queued job's page: nobody blocks on its answer, so it waits for the reset however far away it is.
    [Fact]
    public async Task WaitAsync_WaitLongerThanMaxRateLimitWaitForAQueuedJob_WaitsUntilResetPlusSkew()
    {
        var sut = CreateSut(new GitHubOptions { MaxRateLimitWait = TimeSpan.FromSeconds(90) });
        await AnswerAsync(sut, new RateLimitInfo(30, 0, Start.AddHours(1), "search"), succeeded: false);

        var waiting = sut.WaitAsync(true, Ct);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromHours(1) + Skew - Tick);
        Assert.False(waiting.IsCompleted);

        _time.Advance(Tick);
        await CompletesAsync(waiting);
    }

    [Fact]
    public async Task WaitAsync_WaitExactlyMaxRateLimitWait_WaitsInsteadOfThrowing()
    {
        var sut = CreateSut(new GitHubOptions { MaxRateLimitWait = TimeSpan.FromSeconds(90) });
        await AnswerAsync(sut, new RateLimitInfo(30, 0, Start.AddSeconds(89), "search"), succeeded: false);

        var waiting = sut.WaitAsync(false, Ct);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(90));
        await CompletesAsync(waiting);
    }

    [Fact]
    public async Task WaitAsync_RequestsPerMinute60_PacesRequestsOneSecondApart()
    {
        var sut = CreateSut(new GitHubOptions { RequestsPerMinute = 60 });

        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        var second = sut.WaitAsync(false, Ct);
        var third = sut.WaitAsync(false, Ct);
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);

        _time.Advance(Tick);
        await CompletesAsync(second);
        Assert.False(third.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await CompletesAsync(third);
    }

    [Fact]
    public void WaitAsync_RequestsPerMinuteAfterIdleTime_DoesNotBurstOrLag()
    {
        var sut = CreateSut(new GitHubOptions { RequestsPerMinute = 60 });
        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);

        _time.Advance(TimeSpan.FromSeconds(10));

        // Ten idle seconds do not bank ten requests: after one, the next waits its second again.
        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        Assert.False(sut.WaitAsync(false, Ct).IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileWaitingForReset_ThrowsOperationCanceled()
    {
        var sut = CreateSut();
        await AnswerAsync(sut, new RateLimitInfo(10, 0, Start.AddSeconds(30), "search"), succeeded: false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var waiting = sut.WaitAsync(false, cts.Token);
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Ct));
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileWaitingForAnAnswer_ThrowsOperationCanceled()
    {
        var sut = CreateSut();
        await AnswerAsync(sut, new RateLimitInfo(1, 0, Start.AddSeconds(10), "search"), succeeded: false);
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var waiting = sut.WaitAsync(false, cts.Token);
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Ct));
    }

    [Fact]
    public async Task WaitAsync_CancelledWhilePaused_ThrowsOperationCanceled()
    {
        var sut = CreateSut();
        sut.PauseUntil(Start.AddSeconds(60));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var waiting = sut.WaitAsync(false, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Ct));
    }

    // A caller that gives up while paced never sends its request, so it never reports back with Observe: the room
    // it was waiting for must go back to the quota, or the next request waits for a reset although GitHub has room.
    [Fact]
    public async Task WaitAsync_CancelledWhilePaced_GivesItsRoomBack()
    {
        var sut = CreateSut(new GitHubOptions { RequestsPerMinute = 60 });
        var reset = Start.AddSeconds(30);
        await AnswerAsync(sut, new RateLimitInfo(10, 2, reset, "search"), succeeded: true);
        _time.Advance(TimeSpan.FromSeconds(1));
        var sent = sut.WaitAsync(false, Ct);
        Assert.True(sent.IsCompletedSuccessfully);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cancelled = sut.WaitAsync(false, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Ct));

        // The one request really sent comes back: one left, as GitHub says.
        sut.Observe(await sent, new RateLimitInfo(10, 1, reset, "search"), succeeded: true);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(sut.WaitAsync(false, Ct).IsCompletedSuccessfully, "GitHub has one request left in this window");
    }

    [Fact]
    public async Task WaitAsync_QuotaUsedUp_TellsUntilTheResetPlusSkewThenNullWhenTheRequestGoes()
    {
        var sut = CreateSut();
        var reset = Start.AddSeconds(30);
        await AnswerAsync(sut, new RateLimitInfo(10, 0, reset, "search"), succeeded: true);
        var reports = new WaitReports();

        var waiting = sut.WaitAsync(waitForReset: false, reports, Ct);
        Assert.Equal([reset + Skew], reports.Values);

        _time.Advance(TimeSpan.FromSeconds(30) + Skew);
        await CompletesAsync(waiting);
        Assert.Equal([reset + Skew, null], reports.Values);
    }

    [Fact]
    public async Task WaitAsync_PausedBySecondaryLimit_TellsUntilThePauseEnds()
    {
        var sut = CreateSut();
        var until = Start.AddMinutes(1);
        sut.PauseUntil(until);
        var reports = new WaitReports();

        var waiting = sut.WaitAsync(waitForReset: false, reports, Ct);
        Assert.Equal([until], reports.Values);

        _time.Advance(TimeSpan.FromMinutes(1));
        await CompletesAsync(waiting);
        Assert.Equal([until, null], reports.Values);
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileHeld_TellsNullAsItLeaves()
    {
        var sut = CreateSut();
        await AnswerAsync(sut, new RateLimitInfo(10, 0, Start.AddMinutes(5), "search"), succeeded: true);
        var reports = new WaitReports();
        using var cts = new CancellationTokenSource();

        var waiting = sut.WaitAsync(waitForReset: true, reports, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal([Start.AddMinutes(5) + Skew, null], reports.Values);
    }

    [Fact]
    public void WaitAsync_RoomInTheQuota_TellsNothing()
    {
        var sut = CreateSut();
        var reports = new WaitReports();

        Assert.True(sut.WaitAsync(waitForReset: false, reports, Ct).IsCompletedSuccessfully);
        Assert.Empty(reports.Values);
    }

    /// <summary>One request through the gate and its answer: how a test teaches the gate a window.</summary>
    private async Task AnswerAsync(RateLimitGate sut, RateLimitInfo rateLimit, bool succeeded) =>
        sut.Observe(await sut.WaitAsync(false, Ct), rateLimit, succeeded);

    /// <summary>How many requests the gate lets go at once, without an answer in between (at most 100).</summary>
    private int PassingAtOnce(RateLimitGate sut)
    {
        var passed = 0;
        while (passed < 100 && sut.WaitAsync(false, Ct).IsCompletedSuccessfully)
        {
            passed++;
        }

        return passed;
    }

    private static async Task CompletesAsync(Task task)
    {
        // The continuation after a fired fake timer runs asynchronously; real time only bounds a broken gate.
        await task.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
    }

    private async Task TimerCreatedAsync(int before)
    {
        // A gate woken by Observe or a fired timer decides again on another thread and then starts a new fake
        // timer; the clock may only move once that timer exists, or the timer would start late.
        while (_time.TimersCreated <= before)
        {
            await Task.Delay(Tick, TimeProvider.System, Ct);
        }
    }

    private RateLimitGate CreateSut(GitHubOptions? options = null) =>
        new(Options.Create(options ?? new GitHubOptions()), new LocalRateLimitWindowStore(), _time, NullLogger<RateLimitGate>.Instance);

    /// <summary>A fake clock that counts the timers started on it, so a test knows when the gate is waiting again.</summary>
    private sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timersCreated;

        public int TimersCreated => Volatile.Read(ref _timersCreated);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timersCreated);
            return timer;
        }
    }

    /// <summary>Keeps what the gate tells about a held request, in order; the gate tells synchronously.</summary>
    private sealed class WaitReports : IProgress<DateTimeOffset?>
    {
        private readonly List<DateTimeOffset?> _values = [];

        public IReadOnlyList<DateTimeOffset?> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public void Report(DateTimeOffset? value)
        {
            lock (_values)
            {
                _values.Add(value);
            }
        }
    }
}
