namespace HotRepos.Sample;

/// <summary>A GitHub error answer: status code plus the JSON body <c>{message, errors?, documentation_url, status}</c>.</summary>
internal sealed record GitHubError(int Status, string Message, string DocumentationUrl, IReadOnlyList<GitHubValidationError>? Errors = null)
{
    public const string SearchDocumentationUrl = "https://docs.github.com/v3/search/";
    public const string RestDocumentationUrl = "https://docs.github.com/rest";
    public const string RateLimitDocumentationUrl = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
    public const string SecondaryRateLimitDocumentationUrl = "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

    public static GitHubError ValidationFailed(string message, string code = "invalid")
        => new(422, "Validation Failed", SearchDocumentationUrl, [new GitHubValidationError("Search", "q", code, message)]);

    public static GitHubError ResultCap()
        => new(422, "Only the first 1000 search results are available", SearchDocumentationUrl);

    public static GitHubError NotFound() => new(404, "Not Found", RestDocumentationUrl);

    public static GitHubError BadCredentials() => new(401, "Bad credentials", RestDocumentationUrl);

    public static GitHubError ServerError(int status) => status switch
    {
        502 => new(502, "Server Error: Bad Gateway", RestDocumentationUrl),
        503 => new(503, "Service Unavailable", RestDocumentationUrl),
        _ => new(status, "Server Error", RestDocumentationUrl),
    };

    public static GitHubError PrimaryRateLimit(long? userId, string clientAddress) => new(
        403,
        userId is { } id
            ? $"API rate limit exceeded for user ID {id}. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000."
            : $"API rate limit exceeded for {clientAddress}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
        RateLimitDocumentationUrl);

    public static GitHubError SecondaryRateLimit(int status) => new(
        status,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
        SecondaryRateLimitDocumentationUrl);
}
