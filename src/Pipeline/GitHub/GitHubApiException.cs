using System.Net;
using HotRepos.GitHub.Resilience;

namespace HotRepos.GitHub;

/// <summary>A GitHub answer or connection failure that HotRepos could not turn into a page.</summary>
public sealed class GitHubApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="GitHubApiException"/> class.</summary>
    public GitHubApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="GitHubApiException"/> class.</summary>
    /// <param name="message">A message a user understands.</param>
    public GitHubApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="GitHubApiException"/> class.</summary>
    /// <param name="message">A message a user understands.</param>
    /// <param name="innerException">The cause.</param>
    public GitHubApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="GitHubApiException"/> class.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A message a user understands.</param>
    /// <param name="statusCode">The HTTP status, when GitHub answered.</param>
    /// <param name="innerException">The cause, if any.</param>
    public GitHubApiException(GitHubErrorKind kind, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>Gets what went wrong.</summary>
    public GitHubErrorKind Kind { get; init; } = GitHubErrorKind.Unexpected;

    /// <summary>Gets the HTTP status, or <see langword="null"/> when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets the rate-limit headers of the answer, when it had them.</summary>
    public RateLimitInfo? RateLimit { get; init; }

    /// <summary>Gets how long GitHub asked to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether trying the same request again may succeed.</summary>
    public bool IsTransient => Kind is GitHubErrorKind.ServerError or GitHubErrorKind.Network or GitHubErrorKind.BrokenBody
        or GitHubErrorKind.Timeout or GitHubErrorKind.InvalidResponse;
}
