using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.GitHub.Resilience;

/// <summary>
/// One gate for every GitHub request of the process (all pages of all reports). It learns the search quota from
/// the <c>X-RateLimit-*</c> headers of each answer and holds a request that the current window has no room for
/// until the window resets, so queued reports flow at the quota's pace instead of collecting 403s. It also paces
/// requests to <see cref="GitHubOptions.RequestsPerMinute"/> when set, and pauses everything while GitHub asked
/// us to back off from a secondary rate limit.
/// </summary>
internal sealed class RateLimitGate(IOptions<GitHubOptions> options, TimeProvider timeProvider, ILogger<RateLimitGate> logger)
{
    private readonly Lock _gate = new();
    private readonly GitHubOptions _options = options.Value;
    private int? _limit;
    private int _budget = int.MaxValue;
    private int _inFlight;
    private DateTimeOffset? _reset;
    private bool _windowEndUnknown = true;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _nextPacedSlot = DateTimeOffset.MinValue;
    private int _secondaryStreak;
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets how many secondary rate limits came in a row, for exponential backoff.</summary>
    public int SecondaryStreak
    {
        get
        {
            lock (_gate)
            {
                return _secondaryStreak;
            }
        }
    }

    /// <summary>Waits until the quota has room for one more request, then takes that room.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (go, wait, answered) = Decide();
            if (answered is not null)
            {
                // No room, and the window's end is unknown until an answer in flight tells it.
                await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            if (go)
            {
                await PacingDelayAsync(wait, cancellationToken);
                return;
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
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
            lock (_gate)
            {
                _inFlight = Math.Max(0, _inFlight - 1);
                if (_budget != int.MaxValue)
                {
                    _budget++;
                }
            }

            throw;
        }
    }

    /// <summary>Learns from one finished attempt; <paramref name="rateLimit"/> is null when it had no such headers.</summary>
    public void Observe(RateLimitInfo? rateLimit, bool succeeded)
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
            if (succeeded)
            {
                _secondaryStreak = 0;
            }

            // Stale: an answer from a window already over, including the one this gate ended itself (a request sent
            // just before the reset, answered after it), must not shrink or restore the new window's budget.
            var stale = rateLimit is null
                || (_reset is { } known && (rateLimit.Reset < known || (rateLimit.Reset == known && _windowEndUnknown)));
            if (!stale)
            {
                _limit = rateLimit!.Limit;
                if (_reset is null || (rateLimit.Reset > _reset && !_windowEndUnknown))
                {
                    // A window we did not open ourselves: GitHub's count may miss our requests still in flight.
                    _budget = Math.Max(0, rateLimit.Remaining - _inFlight);
                }
                else
                {
                    _budget = Math.Min(_budget, rateLimit.Remaining);
                }

                _reset = rateLimit.Reset;
                _windowEndUnknown = false;
            }

            var answered = _answered;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            answered.TrySetResult();
        }
    }

    /// <summary>Stops every request until <paramref name="until"/>: GitHub asked us to back off.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            _secondaryStreak++;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    private (bool Go, TimeSpan Wait, Task? Answered) Decide()
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (_pausedUntil > now)
            {
                Log.GateHolding(logger, "secondary rate limit", (long)(_pausedUntil - now).TotalMilliseconds);
                return (false, _pausedUntil - now, null);
            }

            if (!_windowEndUnknown && _reset is { } reset && now >= reset + _options.RateLimitResetSkew)
            {
                // The window is over: the next one starts with the full quota, its end learned from its first answer.
                _windowEndUnknown = true;
                _budget = _limit ?? int.MaxValue;
            }

            if (_budget <= 0)
            {
                if (_windowEndUnknown || _reset is null)
                {
                    return (false, TimeSpan.Zero, _answered.Task);
                }

                var wait = _reset.Value + _options.RateLimitResetSkew - now;
                if (wait > _options.MaxRateLimitWait)
                {
                    throw new GitHubApiException(
                        GitHubErrorKind.RateLimited,
                        $"GitHub rate limit exhausted until {_reset.Value.UtcDateTime:HH:mm:ss} UTC, longer than the {_options.MaxRateLimitWait.TotalSeconds:0} s HotRepos may wait (HotRepos:GitHub:MaxRateLimitWait)");
                }

                Log.GateHolding(logger, "search quota used up until the window resets", (long)wait.TotalMilliseconds);
                return (false, wait, null);
            }

            _budget--;
            _inFlight++;
            if (_options.RequestsPerMinute is not { } perMinute)
            {
                return (true, TimeSpan.Zero, null);
            }

            var slot = _nextPacedSlot > now ? _nextPacedSlot : now;
            _nextPacedSlot = slot + TimeSpan.FromMinutes(1.0 / perMinute);
            return (true, slot - now, null);
        }
    }
}
