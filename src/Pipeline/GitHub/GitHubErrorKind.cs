namespace HotRepos.GitHub;

/// <summary>What went wrong when talking to GitHub.</summary>
public enum GitHubErrorKind
{
    /// <summary>The token was rejected (401).</summary>
    BadCredentials,

    /// <summary>The primary search rate limit is exhausted (403/429 with <c>X-RateLimit-Remaining: 0</c>).</summary>
    RateLimited,

    /// <summary>A secondary rate limit was hit (403/429, usually with <c>Retry-After</c>).</summary>
    SecondaryRateLimited,

    /// <summary>GitHub refused the request for another reason (403), such as a missing User-Agent.</summary>
    Forbidden,

    /// <summary>The query is invalid or asks beyond the first 1,000 results (422), or the request was malformed (400).</summary>
    InvalidQuery,

    /// <summary>The URL does not exist (404): usually a wrong base URL.</summary>
    NotFound,

    /// <summary>GitHub failed or timed out (5xx, 408).</summary>
    ServerError,

    /// <summary>The connection failed or was reset before GitHub answered.</summary>
    Network,

    /// <summary>The connection broke off while the body was being read.</summary>
    BrokenBody,

    /// <summary>The attempt took longer than <see cref="GitHubOptions.RequestTimeout"/>.</summary>
    Timeout,

    /// <summary>The body was not the JSON GitHub documents.</summary>
    InvalidResponse,

    /// <summary>Any other unexpected status.</summary>
    Unexpected,
}
