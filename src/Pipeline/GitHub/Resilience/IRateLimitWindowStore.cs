namespace HotRepos.GitHub.Resilience;

/// <summary>
/// Where the <see cref="RateLimitGate"/> keeps its <see cref="RateLimitWindow"/>: in this process
/// (<see cref="LocalRateLimitWindowStore"/>), or shared by every instance that spends the same quota (the PostgreSQL
/// job store provides one), so that together they use the quota fully without a storm of rejections.
/// </summary>
internal interface IRateLimitWindowStore
{
    /// <summary>
    /// Reads the window, applies <paramref name="change"/> and keeps the result, atomically: no other change to the same
    /// window runs in between, in this process or another. Synchronous on purpose: the gate's decisions are short and
    /// a request that may go must go at once.
    /// </summary>
    T Update<T>(Func<RateLimitWindow, T> change);
}
