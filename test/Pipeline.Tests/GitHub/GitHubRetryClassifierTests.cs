using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HotRepos.GitHub;
using HotRepos.GitHub.Resilience;

namespace HotRepos.Tests.GitHub;

public sealed class GitHubRetryClassifierTests
{
    private const string SecondaryLimitBody =
        """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}""";

    private const string PrimaryLimitBody =
        """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""";

    private const string NotAccessibleBody =
        """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}""";

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 13, 45, 0, TimeSpan.Zero);

    private static readonly GitHubOptions Options = new()
    {
        MaxRateLimitWait = TimeSpan.FromSeconds(90),
        RateLimitResetSkew = TimeSpan.FromSeconds(1),
        SecondaryRateLimitBackoff = TimeSpan.FromSeconds(60),
    };

    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task ClassifyAsync_TransientStatusWithoutRetryAfter_RetriesAsServerErrorWithoutDelay(HttpStatusCode status)
    {
        using var response = CreateResponse(status, "{}");

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.ServerError, null), decision);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task ClassifyAsync_TransientStatusWithRetryAfter_RetriesAsServerErrorAfterThatDelay(HttpStatusCode status)
    {
        using var response = CreateResponse(status, "{}", ("Retry-After", "7"));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.ServerError, TimeSpan.FromSeconds(7)), decision);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task ClassifyAsync_RateLimitStatusWithRetryAfter_RetriesAsSecondaryLimitAfterThatDelay(HttpStatusCode status)
    {
        using var response = CreateResponse(status, SecondaryLimitBody, ("Retry-After", "42"));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 3, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.SecondaryRateLimit, TimeSpan.FromSeconds(42)), decision);
    }

    [Fact]
    public async Task ClassifyAsync_RetryAfterAsDate_DelayIsMeasuredFromTheAnswersDate()
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, SecondaryLimitBody);
        response.Headers.Date = Now;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(30));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.SecondaryRateLimit, TimeSpan.FromSeconds(30)), decision);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, 30)]
    [InlineData(HttpStatusCode.TooManyRequests, 30)]
    [InlineData(HttpStatusCode.Forbidden, 89)]
    public async Task ClassifyAsync_PrimaryLimitResetWithinMaxWait_RetriesAfterResetPlusSkew(HttpStatusCode status, int resetInSeconds)
    {
        using var response = CreateResponse(status, PrimaryLimitBody, RateLimitHeaders(remaining: 0, Now.AddSeconds(resetInSeconds)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.PrimaryRateLimit, TimeSpan.FromSeconds(resetInSeconds + 1)), decision);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(3600)]
    public async Task ClassifyAsync_PrimaryLimitResetBeyondMaxWait_DoesNotRetry(int resetInSeconds)
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, PrimaryLimitBody, RateLimitHeaders(remaining: 0, Now.AddSeconds(resetInSeconds)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.False(decision.Retry);
        Assert.Equal(RetryReason.PrimaryRateLimit, decision.Reason);
    }

    [Fact]
    public async Task ClassifyAsync_PrimaryLimitResetBeyondMaxWaitForARequestThatWaitsForReset_RetriesAfterResetPlusSkew()
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, PrimaryLimitBody, RateLimitHeaders(remaining: 0, Now.AddSeconds(3600)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, waitForReset: true, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.PrimaryRateLimit, TimeSpan.FromSeconds(3601)), decision);
    }

    [Fact]
    public async Task ClassifyAsync_PrimaryLimitResetAlreadyPassed_RetriesWithoutDelay()
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, PrimaryLimitBody, RateLimitHeaders(remaining: 0, Now.AddSeconds(-10)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.PrimaryRateLimit, TimeSpan.Zero), decision);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(3, 480)]
    public async Task ClassifyAsync_SecondaryLimitMessageWithRemainingQuota_BacksOffExponentiallyWithStreak(int streak, int expectedSeconds)
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, SecondaryLimitBody, RateLimitHeaders(remaining: 12, Now.AddSeconds(30)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, streak, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.SecondaryRateLimit, TimeSpan.FromSeconds(expectedSeconds)), decision);
    }

    [Fact]
    public async Task ClassifyAsync_SecondaryLimitMessageWithoutRateLimitHeaders_BacksOffFromConfiguredBackoff()
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, SecondaryLimitBody);
        var options = new GitHubOptions { SecondaryRateLimitBackoff = TimeSpan.FromSeconds(5) };

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, options, 0, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.SecondaryRateLimit, TimeSpan.FromSeconds(5)), decision);
    }

    [Theory]
    [InlineData(NotAccessibleBody)]
    [InlineData("""{"message":"Must have admin rights to Repository."}""")]
    [InlineData("")]
    public async Task ClassifyAsync_PlainForbidden_IsFinal(string body)
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, body, RateLimitHeaders(remaining: 25, Now.AddSeconds(30)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(RetryDecision.None, decision);
    }

    [Fact]
    public async Task ClassifyAsync_TooManyRequestsWithoutHeaders_RetriesAsSecondaryLimit()
    {
        using var response = CreateResponse(HttpStatusCode.TooManyRequests, string.Empty);

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(new RetryDecision(true, RetryReason.SecondaryRateLimit, TimeSpan.FromSeconds(60)), decision);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task ClassifyAsync_ClientError_IsFinalEvenWithRateLimitSigns(HttpStatusCode status)
    {
        using var response = CreateResponse(status, PrimaryLimitBody, [("Retry-After", "5"), .. RateLimitHeaders(remaining: 0, Now.AddSeconds(30))]);

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(RetryDecision.None, decision);
    }

    [Fact]
    public async Task ClassifyAsync_Ok_IsNone()
    {
        using var response = CreateResponse(HttpStatusCode.OK, """{"total_count":0,"incomplete_results":false,"items":[]}""", RateLimitHeaders(remaining: 0, Now.AddSeconds(30)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(RetryDecision.None, decision);
    }

    [Theory]
    [InlineData(SecondaryLimitBody)]
    [InlineData(NotAccessibleBody)]
    public async Task ClassifyAsync_ForbiddenBodyReadForRateLimitWords_BodyIsStillReadableAfterwards(string body)
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, body);

        await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(body, await response.Content.ReadAsStringAsync(Ct));
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.Equal(body, await reader.ReadToEndAsync(Ct));
    }

    // A network body can be read once; the classifier buffers it so the error translator can still read it.
    [Fact]
    public async Task ClassifyAsync_ForbiddenStreamedBody_BodyIsStillReadableAfterwards()
    {
        using var response = CreateResponse(HttpStatusCode.Forbidden, string.Empty);
        response.Content = new StreamContent(new ReadOnceStream(Encoding.UTF8.GetBytes(SecondaryLimitBody)));

        var decision = await GitHubRetryClassifier.ClassifyAsync(response, Now, Options, 0, Ct);

        Assert.Equal(RetryReason.SecondaryRateLimit, decision.Reason);
        Assert.Equal(SecondaryLimitBody, await response.Content.ReadAsStringAsync(Ct));
    }

    private static (string Name, string Value)[] RateLimitHeaders(int remaining, DateTimeOffset reset) =>
    [
        ("X-RateLimit-Limit", "30"),
        ("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)),
        ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ("X-RateLimit-Resource", "search"),
    ];

    private static HttpResponseMessage CreateResponse(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            Assert.True(response.Headers.TryAddWithoutValidation(name, value));
        }

        return response;
    }

    /// <summary>A body that cannot seek, like a response stream from the network: StreamContent reads it only once.</summary>
    private sealed class ReadOnceStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
