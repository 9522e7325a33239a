using System.Globalization;
using System.Numerics;
using System.Net.Http.Headers;

namespace HotRepos.GitHub.Resilience;

/// <summary>The <c>X-RateLimit-*</c> headers of one GitHub answer.</summary>
/// <param name="Limit">Requests allowed in the window.</param>
/// <param name="Remaining">Requests left in the window.</param>
/// <param name="Reset">When the window ends (UTC).</param>
/// <param name="Resource">The bucket the request counted against, such as <c>search</c>.</param>
public sealed record RateLimitInfo(int Limit, int Remaining, DateTimeOffset Reset, string? Resource)
{
    // DateTimeOffset.FromUnixTimeSeconds throws beyond year 9999.
    private const long MaxEpochSeconds = 253_402_300_799;

    /// <summary>Reads the headers; <see langword="null"/> when the answer carries none or they are malformed.</summary>
    /// <param name="headers">The response headers.</param>
    /// <returns>The rate-limit state, or <see langword="null"/>.</returns>
    public static RateLimitInfo? FromHeaders(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!TryGet(headers, "X-RateLimit-Limit", out int limit)
            || !TryGet(headers, "X-RateLimit-Remaining", out int remaining)
            || !TryGet(headers, "X-RateLimit-Reset", out long reset))
        {
            return null;
        }

        var resource = headers.TryGetValues("X-RateLimit-Resource", out var values) ? values.FirstOrDefault() : null;
        return new RateLimitInfo(limit, remaining, DateTimeOffset.FromUnixTimeSeconds(reset), resource);
    }

    private static bool TryGet<T>(HttpResponseHeaders headers, string name, out T value)
        where T : struct, INumber<T>
    {
        value = default;
        return headers.TryGetValues(name, out var values)
            && T.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value)
            && value >= T.Zero
            && (typeof(T) != typeof(long) || long.CreateChecked(value) <= MaxEpochSeconds);
    }
}
