namespace HotRepos.GitHub.Resilience;

/// <summary>The rate-limit window of one process, in memory.</summary>
internal sealed class LocalRateLimitWindowStore : IRateLimitWindowStore
{
    private readonly Lock _gate = new();
    private readonly RateLimitWindow _window = new();

    public T Update<T>(Func<RateLimitWindow, T> change)
    {
        lock (_gate)
        {
            return change(_window);
        }
    }
}
