using System.Globalization;
using System.Net;
using HotRepos.GitHub.Resilience;

namespace HotRepos.Tests.GitHub;

public sealed class RateLimitInfoTests
{
    private static readonly DateTimeOffset Reset = new(2026, 11, 27, 13, 45, 30, TimeSpan.Zero);

    private static readonly string ResetSeconds = Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void FromHeaders_AllHeadersPresent_ReadsEveryValue()
    {
        using var response = CreateResponse(
            ("X-RateLimit-Limit", "30"),
            ("X-RateLimit-Remaining", "12"),
            ("X-RateLimit-Reset", ResetSeconds),
            ("X-RateLimit-Resource", "search"));

        var info = RateLimitInfo.FromHeaders(response.Headers);

        Assert.NotNull(info);
        Assert.Equal(30, info.Limit);
        Assert.Equal(12, info.Remaining);
        Assert.Equal(Reset, info.Reset);
        Assert.Equal(TimeSpan.Zero, info.Reset.Offset);
        Assert.Equal("search", info.Resource);
    }

    [Fact]
    public void FromHeaders_HeaderNamesInOtherCase_ReadsThem()
    {
        using var response = CreateResponse(
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", ResetSeconds));

        var info = RateLimitInfo.FromHeaders(response.Headers);

        Assert.Equal(new RateLimitInfo(5000, 0, Reset, null), info);
    }

    [Fact]
    public void FromHeaders_NoResource_ReturnsNullResource()
    {
        using var response = CreateResponse(
            ("X-RateLimit-Limit", "10"),
            ("X-RateLimit-Remaining", "9"),
            ("X-RateLimit-Reset", ResetSeconds));

        var info = RateLimitInfo.FromHeaders(response.Headers);

        Assert.NotNull(info);
        Assert.Null(info.Resource);
    }

    [Fact]
    public void FromHeaders_NoRateLimitHeaders_ReturnsNull()
    {
        using var response = CreateResponse(("X-GitHub-Request-Id", "ABCD:1234"));

        Assert.Null(RateLimitInfo.FromHeaders(response.Headers));
    }

    [Theory]
    [InlineData("X-RateLimit-Limit")]
    [InlineData("X-RateLimit-Remaining")]
    [InlineData("X-RateLimit-Reset")]
    public void FromHeaders_OneNumberMissing_ReturnsNull(string missing)
    {
        (string Name, string Value)[] all = [("X-RateLimit-Limit", "30"), ("X-RateLimit-Remaining", "1"), ("X-RateLimit-Reset", ResetSeconds)];
        using var response = CreateResponse([.. all.Where(h => h.Name != missing)]);

        Assert.Null(RateLimitInfo.FromHeaders(response.Headers));
    }

    [Theory]
    [InlineData("X-RateLimit-Limit", "")]
    [InlineData("X-RateLimit-Limit", "thirty")]
    [InlineData("X-RateLimit-Remaining", "-1")]
    [InlineData("X-RateLimit-Remaining", "1.5")]
    [InlineData("X-RateLimit-Remaining", "0x10")]
    [InlineData("X-RateLimit-Reset", "Fri, 27 Nov 2026 13:45:30 GMT")]
    [InlineData("X-RateLimit-Reset", "99999999999999999999")]
    public void FromHeaders_MalformedNumber_ReturnsNull(string header, string value)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "30",
            ["X-RateLimit-Remaining"] = "1",
            ["X-RateLimit-Reset"] = ResetSeconds,
        };
        headers[header] = value;
        using var response = CreateResponse([.. headers.Select(h => (h.Key, h.Value))]);

        Assert.Null(RateLimitInfo.FromHeaders(response.Headers));
    }

    // Limit and Remaining are ints: a value beyond Int32 must not wrap around. 4294967296 would wrap to 0
    // remaining, which the error translator reads as "rate limit exhausted".
    [Theory]
    [InlineData("X-RateLimit-Limit", "3000000000")]
    [InlineData("X-RateLimit-Remaining", "4294967296")]
    public void FromHeaders_NumberBeyondInt32_ReturnsNullInsteadOfWrapping(string header, string value)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "30",
            ["X-RateLimit-Remaining"] = "1",
            ["X-RateLimit-Reset"] = ResetSeconds,
        };
        headers[header] = value;
        using var response = CreateResponse([.. headers.Select(h => (h.Key, h.Value))]);

        Assert.Null(RateLimitInfo.FromHeaders(response.Headers));
    }

    [Fact]
    public void FromHeaders_NullHeaders_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => RateLimitInfo.FromHeaders(null!));
    }

    private static HttpResponseMessage CreateResponse(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            Assert.True(response.Headers.TryAddWithoutValidation(name, value));
        }

        return response;
    }
}
