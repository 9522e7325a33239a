using System.Globalization;
using System.Net;
using System.Text.Json;
using HotRepos.GitHub.Json;
using HotRepos.GitHub.Resilience;

namespace HotRepos.GitHub;

/// <summary>
/// Turns a non-success GitHub answer into a <see cref="GitHubApiException"/> with GitHub's own message, the
/// configured token redacted from it (<see cref="TokenRedactor"/>).
/// </summary>
internal static class GitHubErrorTranslator
{
    private const int MaxBodyChars = 4096;

    public static async Task<GitHubApiException> FromResponseAsync(HttpResponseMessage response, string? token, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var rateLimit = RateLimitInfo.FromHeaders(response.Headers);
        var retryAfter = GitHubRetryClassifier.RetryAfter(response);
        var (body, message, details) = await ReadBodyAsync(response, cancellationToken);
        var rateLimitReason = GitHubRetryClassifier.RateLimitReason(status, rateLimit, retryAfter, body);
        var code = (int)status;
        var gitHubSays = string.IsNullOrWhiteSpace(message) ? response.ReasonPhrase ?? status.ToString() : message;

        var (kind, text) = status switch
        {
            HttpStatusCode.Unauthorized =>
                (GitHubErrorKind.BadCredentials, $"invalid token (401): GitHub answered \"{gitHubSays}\"; check GITHUB_TOKEN or HotRepos:GitHub:Token"),
            _ when rateLimitReason == RetryReason.PrimaryRateLimit =>
                (GitHubErrorKind.RateLimited, $"GitHub rate limit exhausted until {rateLimit!.Reset.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({code}: {gitHubSays})"),
            _ when rateLimitReason == RetryReason.SecondaryRateLimit =>
                (GitHubErrorKind.SecondaryRateLimited, $"GitHub secondary rate limit hit ({code}: {gitHubSays})"),
            HttpStatusCode.Forbidden =>
                (GitHubErrorKind.Forbidden, $"GitHub refused the request (403): {gitHubSays}"),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest =>
                (GitHubErrorKind.InvalidQuery, $"query rejected by GitHub ({code}): {gitHubSays}{details}"),
            HttpStatusCode.NotFound =>
                (GitHubErrorKind.NotFound, $"GitHub answered 404 Not Found for {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)}: check the base URL"),
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                (GitHubErrorKind.ServerError, $"GitHub failed ({code} {response.ReasonPhrase}): {gitHubSays}"),
            _ => (GitHubErrorKind.Unexpected, $"GitHub answered {code} {response.ReasonPhrase}: {gitHubSays}"),
        };

        return new GitHubApiException(kind, TokenRedactor.Redact(text, token), status) { RateLimit = rateLimit, RetryAfter = retryAfter };
    }

    /// <returns>The body as read (at most 4,096 characters), GitHub's message, and its errors[] joined.</returns>
    private static async Task<(string Body, string? Message, string Details)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return (string.Empty, null, string.Empty);
        }

        if (body.Length > MaxBodyChars)
        {
            body = body[..MaxBodyChars];
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, GitHubJsonContext.Default.ErrorResponse);
            var details = error?.Errors is { Count: > 0 } errors
                ? " — " + string.Join("; ", errors.Select(e => e.Message ?? $"{e.Field} {e.Code}"))
                : string.Empty;
            return (body, error?.Message, details);
        }
        catch (JsonException)
        {
            // Not JSON (GitHub's User-Agent refusal is plain text, proxies answer HTML): keep its first line.
            var firstLine = body.Split('\n', 2)[0].Trim();
            return (body, firstLine.Length == 0 ? null : firstLine, string.Empty);
        }
    }
}
