namespace HotRepos.GitHubEmulator;

/// <summary>
/// One request as the emulator saw it. The token itself is never stored, only whether and how it was sent.
/// <c>RateLimitReset</c> is the <c>X-RateLimit-Reset</c> of the answer: the end of the window it counted in.
/// </summary>
internal sealed record RequestLogEntry(
    string Method,
    string PathAndQuery,
    string? UserAgent,
    string? Accept,
    string? ApiVersion,
    bool HasAuthorization,
    string? AuthorizationScheme,
    int Status,
    FaultKind? Fault,
    long? RateLimitReset = null);
