using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.GitHub.Resilience;

/// <summary>
/// One gate for every GitHub request of the process (all pages of all reports), and of every instance that shares its
/// <see cref="RateLimitWindow"/> through an <see cref="IRateLimitWindowStore"/>. It learns the search quota from
/// the <c>X-RateLimit-*</c> headers of each answer and holds a request that the current window has no room for
/// until the window resets, so queued reports flow at the quota's pace instead of collecting 403s. It also paces
/// requests to <see cref="GitHubOptions.RequestsPerMinute"/> when set, and pauses everything while GitHub asked
/// us to back off from a secondary rate limit.
/// </summary>
internal sealed class RateLimitGate(IOptions<GitHubOptions> options, IRateLimitWindowStore windows, TimeProvider timeProvider, ILogger<RateLimitGate> logger)
{
    /// <summary>Set on a request that waits for the quota's reset however far away it is (a queued job's page).</summary>
    public static readonly HttpRequestOptionsKey<bool> WaitForResetKey = new("HotRepos.WaitForRateLimitReset");

    /// <summary>Set on a request whose owner wants to know while it is held for a rate limit: until when, then null once it goes on.</summary>
    public static readonly HttpRequestOptionsKey<IProgress<DateTimeOffset?>> WaitReportKey = new("HotRepos.RateLimitWaitReport");

    private readonly Lock _gate = new();
    private readonly GitHubOptions _options = options.Value;

    // Wakes this process's waiters when an answer arrives here; waiters also look again every second, for answers
    // that arrive at other instances sharing the window.
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets how many secondary rate limits came in a row, for exponential backoff.</summary>
    public int SecondaryStreak
    {
        get => windows.Update(w => w.SecondaryStreak);
    }

    /// <summary>Waits until the quota has room for one more request, then takes that room; see the other overload.</summary>
    /// <exception cref="GitHubApiException">The quota resets too late (<see cref="GitHubErrorKind.RateLimited"/>).</exception>
    public Task<Ticket> WaitAsync(bool waitForReset, CancellationToken cancellationToken) => WaitAsync(waitForReset, null, cancellationToken);

    /// <summary>
    /// Waits until the quota has room for one more request, then takes that room. A caller that blocks on the answer
    /// gives up when the quota resets later than <see cref="GitHubOptions.MaxRateLimitWait"/>; with
    /// <paramref name="waitForReset"/> (a queued job) it waits for the reset however far away.
    /// </summary>
    /// <param name="waitForReset">Wait for the quota's reset however far away.</param>
    /// <param name="waiting">Told when the request is held for a rate limit (until when) and, with null, when it goes on.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The ticket to hand to <see cref="Observe"/> with the answer.</returns>
    /// <exception cref="GitHubApiException">The quota resets too late (<see cref="GitHubErrorKind.RateLimited"/>).</exception>
    public async Task<Ticket> WaitAsync(bool waitForReset, IProgress<DateTimeOffset?>? waiting, CancellationToken cancellationToken)
    {
        var held = false;
        try
        {
            while (true)
            {
                var (ticket, wait, answered, heldUntil) = Decide(waitForReset);
                if (answered is not null)
                {
                    // No room, and the window's end is unknown until an answer in flight tells it.
                    await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken));
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                }

                if (ticket is { } granted)
                {
                    await PacingDelayAsync(wait, cancellationToken);
                    return granted;
                }

                held = true;
                waiting?.Report(heldUntil);
                await Task.Delay(wait, timeProvider, cancellationToken);
            }
        }
        finally
        {
            if (held)
            {
                waiting?.Report(null);
            }
        }
    }

    /// <summary>Waits for a paced slot; a request cancelled meanwhile never goes, so its room is given back.</summary>
    private async Task PacingDelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            windows.Update(w => w.Sent--);
            throw;
        }
    }

    /// <summary>Learns from one finished attempt; <paramref name="rateLimit"/> is null when it had no such headers.</summary>
    /// <param name="ticket">What <see cref="WaitAsync(bool, CancellationToken)"/> gave the attempt.</param>
    /// <param name="rateLimit">The answer's rate-limit headers.</param>
    /// <param name="succeeded">Whether the answer was a success.</param>
    public void Observe(Ticket ticket, RateLimitInfo? rateLimit, bool succeeded)
    {
        windows.Update(w =>
        {
            w.Finished++;
            if (succeeded)
            {
                w.SecondaryStreak = 0;
            }

            // Stale: an answer from a window already over, including the one this gate ended itself (a request sent
            // just before the reset, answered after it), must not shrink or restore the new window's budget.
            var stale = rateLimit is null
                || (w.Reset is { } known && (rateLimit.Reset < known || (rateLimit.Reset == known && w.WindowEndUnknown)));
            if (!stale)
            {
                w.Limit = rateLimit!.Limit;

                // GitHub's Remaining counts this request and every one it saw before. Ours that it may not have seen
                // yet are those still unanswered when this one left, and those sent after it: at least this many more
                // may go (exact once no other request overlapped this one). Requests sent after this answer arrived
                // are surely not counted: at most this many may go, unless someone else spent part of the window.
                var atLeast = rateLimit.Remaining + ticket.FinishedBefore + 1;
                var atMost = rateLimit.Remaining + w.Sent;
                if (w.Reset is null || (rateLimit.Reset > w.Reset && !w.WindowEndUnknown) || atMost < w.Allowance)
                {
                    // A window we did not open ourselves (its first answer tells all we know), or one where the quota
                    // went faster than our own requests explain: only the sure lower bound is safe.
                    w.Allowance = atLeast;
                }
                else
                {
                    // Answers arrive in another order than GitHub counted them: each one may only prove more room.
                    w.Allowance = Math.Max(w.Allowance, atLeast);
                }

                w.Reset = rateLimit.Reset;
                w.WindowEndUnknown = false;
            }

            return 0;
        });

        TaskCompletionSource answered;
        lock (_gate)
        {
            answered = _answered;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        answered.TrySetResult();
    }

    /// <summary>Stops every request until <paramref name="until"/>: GitHub asked us to back off.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        windows.Update(w =>
        {
            w.SecondaryStreak++;
            if (until > w.PausedUntil)
            {
                w.PausedUntil = until;
            }

            return 0;
        });
    }

    private (Ticket? Ticket, TimeSpan Wait, Task? Answered, DateTimeOffset HeldUntil) Decide(bool waitForReset)
    {
        Task answered;
        lock (_gate)
        {
            answered = _answered.Task;
        }

        return windows.Update<(Ticket?, TimeSpan, Task?, DateTimeOffset)>(w =>
        {
            var now = timeProvider.GetUtcNow();
            if (w.PausedUntil > now)
            {
                Log.GateHolding(logger, "secondary rate limit", (long)(w.PausedUntil - now).TotalMilliseconds);
                return (null, w.PausedUntil - now, null, w.PausedUntil);
            }

            if (!w.WindowEndUnknown && w.Reset is { } reset && now >= reset + _options.RateLimitResetSkew)
            {
                // The window is over: the next one starts with the full quota, its end learned from its first answer.
                w.WindowEndUnknown = true;
                w.Allowance = w.Limit is { } limit ? w.Sent + limit : long.MaxValue;
            }

            if (w.Sent >= w.Allowance)
            {
                if (w.WindowEndUnknown || w.Reset is null)
                {
                    return (null, TimeSpan.Zero, answered, default);
                }

                var until = w.Reset.Value + _options.RateLimitResetSkew;
                var wait = until - now;
                if (wait > _options.MaxRateLimitWait && !waitForReset)
                {
                    throw new GitHubApiException(
                        GitHubErrorKind.RateLimited,
                        $"GitHub rate limit exhausted until {w.Reset.Value.UtcDateTime:HH:mm:ss} UTC, longer than the {_options.MaxRateLimitWait.TotalSeconds:0} s HotRepos may wait (HotRepos:GitHub:MaxRateLimitWait)");
                }

                Log.GateHolding(logger, "search quota used up until the window resets", (long)wait.TotalMilliseconds);
                return (null, wait, null, until);
            }

            var ticket = new Ticket(w.Finished);
            w.Sent++;
            if (_options.RequestsPerMinute is not { } perMinute)
            {
                return (ticket, TimeSpan.Zero, null, default);
            }

            var slot = w.NextPacedSlot > now ? w.NextPacedSlot : now;
            w.NextPacedSlot = slot + TimeSpan.FromMinutes(1.0 / perMinute);
            return (ticket, slot - now, null, default);
        });
    }

    /// <summary>One request let through the gate.</summary>
    /// <param name="FinishedBefore">How many requests spending the window had come back when it left.</param>
    public readonly record struct Ticket(long FinishedBefore);
}
