namespace HotRepos.GitHubEmulator;

/// <summary>
/// GitHub's primary search limit: per key, a fixed window with a request budget. GitHub opens a window at the first
/// request; here whole-second windows lie on a grid (see <see cref="EndOf"/>), which a client cannot tell apart
/// because it only sees <c>X-RateLimit-Reset</c>, and which keeps that header exact for short test windows.
/// </summary>
internal sealed class PrimaryRateLimiter(TimeProvider timeProvider, TimeSpan window)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long EndSeconds, int Used)> _windows = new(StringComparer.Ordinal);

    public RateLimitState Acquire(string key, int limit)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var (end, used) = Current(key, now);
            if (used >= limit)
            {
                _windows[key] = (end, used);
                return new RateLimitState(false, limit, 0, used, end);
            }

            _windows[key] = (end, used + 1);
            return new RateLimitState(true, limit, limit - used - 1, used + 1, end);
        }
    }

    public RateLimitState Peek(string key, int limit)
    {
        lock (_lock)
        {
            var (end, used) = _windows.TryGetValue(key, out var w) && timeProvider.GetUtcNow().ToUnixTimeMilliseconds() < w.EndSeconds * 1000
                ? w
                : (EndOf(timeProvider.GetUtcNow()), 0);
            return new RateLimitState(used < limit, limit, Math.Max(0, limit - used), used, end);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _windows.Clear();
        }
    }

    private (long EndSeconds, int Used) Current(string key, DateTimeOffset now)
        => _windows.TryGetValue(key, out var w) && now.ToUnixTimeMilliseconds() < w.EndSeconds * 1000 ? w : (EndOf(now), 0);

    /// <summary>
    /// Windows of whole seconds lie on a grid of their own length (a 60 s window ends on a whole minute), so every
    /// window is exactly as long as configured and <c>X-RateLimit-Reset</c> names its true end. Other windows end
    /// one window after the first request, rounded up to the second the header can express.
    /// </summary>
    private long EndOf(DateTimeOffset start)
    {
        var windowMs = (long)window.TotalMilliseconds;
        var startMs = start.ToUnixTimeMilliseconds();
        return windowMs % 1000 == 0
            ? ((startMs / windowMs) + 1) * windowMs / 1000
            : (startMs + windowMs + 999) / 1000;
    }
}
