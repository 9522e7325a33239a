namespace HotRepos.GitHub.Resilience;

/// <summary>What to do about one GitHub answer, decided by <see cref="GitHubRetryClassifier"/>.</summary>
/// <param name="Retry">Whether the request is worth another attempt.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="Delay">How long GitHub asked to wait, or <see langword="null"/> for exponential backoff.</param>
internal readonly record struct RetryDecision(bool Retry, RetryReason Reason, TimeSpan? Delay)
{
    public static readonly HttpRequestOptionsKey<RetryDecision> OptionsKey = new("HotRepos.RetryDecision");

    public static RetryDecision None => new(false, RetryReason.None, null);
}
