namespace HotRepos.GitHubEmulator;

/// <summary>
/// GitHub's primary search limit: per key, a fixed window that opens at the first request after the previous one
/// ended. The window end is rounded up to a whole epoch second so <c>X-RateLimit-Reset</c> is exact even for 1 s windows.
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

    private long EndOf(DateTimeOffset start) => ((start + window).ToUnixTimeMilliseconds() + 999) / 1000;
}
