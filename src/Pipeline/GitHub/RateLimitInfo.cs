using System.Globalization;
using System.Net.Http.Headers;

namespace HotRepos.GitHub;

/// <summary>The <c>X-RateLimit-*</c> headers of one GitHub answer.</summary>
/// <param name="Limit">Requests allowed in the window.</param>
/// <param name="Remaining">Requests left in the window.</param>
/// <param name="Reset">When the window ends (UTC).</param>
/// <param name="Resource">The bucket the request counted against, such as <c>search</c>.</param>
public sealed record RateLimitInfo(int Limit, int Remaining, DateTimeOffset Reset, string? Resource)
{
    /// <summary>Reads the headers; <see langword="null"/> when the answer carries none or they are malformed.</summary>
    /// <param name="headers">The response headers.</param>
    /// <returns>The rate-limit state, or <see langword="null"/>.</returns>
    public static RateLimitInfo? FromHeaders(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!TryGetLong(headers, "X-RateLimit-Limit", out var limit)
            || !TryGetLong(headers, "X-RateLimit-Remaining", out var remaining)
            || !TryGetLong(headers, "X-RateLimit-Reset", out var reset))
        {
            return null;
        }

        var resource = headers.TryGetValues("X-RateLimit-Resource", out var values) ? values.FirstOrDefault() : null;
        return new RateLimitInfo((int)limit, (int)remaining, DateTimeOffset.FromUnixTimeSeconds(reset), resource);
    }

    private static bool TryGetLong(HttpResponseHeaders headers, string name, out long value)
    {
        value = 0;
        return headers.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value)
            && value >= 0;
    }
}
