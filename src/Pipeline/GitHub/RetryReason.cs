namespace HotRepos.GitHub;

internal enum RetryReason
{
    None,
    ServerError,
    PrimaryRateLimit,
    SecondaryRateLimit,
}
