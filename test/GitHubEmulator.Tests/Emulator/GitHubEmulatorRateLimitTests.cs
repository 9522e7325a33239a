using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.GitHubEmulator.Tests.Emulator;

public sealed class GitHubEmulatorRateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, 250, TimeSpan.Zero);

    private static Task<GitHubEmulatorServer> StartAsync(EmulatorOptions options)
        => GitHubEmulatorServer.StartAsync(options with { Today = TestData.Today, RepositoryCount = 800 }, CancellationToken.None);

    [Fact]
    public async Task Search_PrimaryLimitExceeded_403UntilWindowEnds()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await StartAsync(new EmulatorOptions { AuthenticatedRateLimit = 3, RateLimitWindow = TimeSpan.FromSeconds(1), TimeProvider = time });
        using var client = TestData.Client(server.BaseUrl, "secret");
        var url = new Uri(TestData.Search("llm", 5), UriKind.Relative);

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add(TestData.Header(ok, "X-RateLimit-Remaining"));
        }

        using var limited = await client.GetAsync(url);
        var body = await limited.Content.ReadAsStringAsync();
        // A 1 s window lies on the 1 s grid: it ends at 10:00:01, exactly the Reset header.
        time.Advance(TimeSpan.FromMilliseconds(749));
        using var stillLimited = await client.GetAsync(url);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var afterReset = await client.GetAsync(url);

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal("0", TestData.Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal("3", TestData.Header(limited, "X-RateLimit-Limit"));
        Assert.Equal((Start.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), TestData.Header(limited, "X-RateLimit-Reset"));
        Assert.Contains("API rate limit exceeded for user ID 1.", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, stillLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("1", TestData.Header(afterReset, "X-RateLimit-Used"));
        Assert.Equal(2, server.Stats.PrimaryRateLimitRejections);
    }

    [Fact]
    public async Task Search_Anonymous_OwnLowerLimitAndMessage()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await StartAsync(new EmulatorOptions { AnonymousRateLimit = 1, TimeProvider = time });
        using var anonymous = TestData.Client(server.BaseUrl);
        using var authenticated = TestData.Client(server.BaseUrl, "secret");
        var url = new Uri(TestData.Search("llm", 5), UriKind.Relative);

        using var first = await anonymous.GetAsync(url);
        using var second = await anonymous.GetAsync(url);
        using var withToken = await authenticated.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("1", TestData.Header(first, "X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("API rate limit exceeded for 127.0.0.1. (But here's the good news", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("30", TestData.Header(withToken, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Search_UnknownTokenWhenTokensConfigured_401BadCredentials()
    {
        await using var server = await StartAsync(new EmulatorOptions { ValidTokens = ["good"] });
        using var bad = TestData.Client(server.BaseUrl, "bad");
        using var good = TestData.Client(server.BaseUrl, "good");
        var url = new Uri(TestData.Search("llm", 5), UriKind.Relative);

        using var rejected = await bad.GetAsync(url);
        using var accepted = await good.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}", await rejected.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.DoesNotContain(server.Stats.Requests, r => r.PathAndQuery.Contains("good", StringComparison.Ordinal));
        Assert.All(server.Stats.Requests, r => Assert.Equal("Bearer", r.AuthorizationScheme));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Search_TooManyInFlight_SecondaryLimitWithRetryAfter(int status)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(new EmulatorOptions
        {
            MaxConcurrentRequests = 2,
            SecondaryStatusCode = status,
            SecondaryRetryAfter = TimeSpan.FromSeconds(7),
            Faults = new FaultOptions { Gate = gate.Task },
        });
        using var client = TestData.Client(server.BaseUrl, "t");
        var held = Enumerable.Range(1, 2).Select(p => client.GetAsync(new Uri(TestData.Search("llm", 5, p), UriKind.Relative))).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (server.InFlight < 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, timeout.Token);
        }

        using var rejected = await client.GetAsync(new Uri(TestData.Search("llm", 5, 3), UriKind.Relative));
        gate.SetResult();
        var completed = await Task.WhenAll(held);

        Assert.Equal(status, (int)rejected.StatusCode);
        Assert.Equal("7", TestData.Header(rejected, "Retry-After"));
        Assert.Contains("You have exceeded a secondary rate limit", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(completed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, server.Stats.SecondaryRateLimitRejections);
        Assert.Equal(3, server.Stats.MaxInFlight);
        foreach (var response in completed)
        {
            response.Dispose();
        }
    }
}
