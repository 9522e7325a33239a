namespace HotRepos.GitHubEmulator;

/// <summary>The values of the X-RateLimit-* headers for one answer.</summary>
internal readonly record struct RateLimitState(bool Allowed, int Limit, int Remaining, int Used, long ResetEpochSeconds);
