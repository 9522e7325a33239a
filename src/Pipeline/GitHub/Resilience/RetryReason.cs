namespace HotRepos.GitHub.Resilience;

internal enum RetryReason
{
    None,
    ServerError,
    PrimaryRateLimit,
    SecondaryRateLimit,
}
