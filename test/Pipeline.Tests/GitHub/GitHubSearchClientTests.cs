using System.Globalization;
using System.Net;
using System.Text.Json;
using HotRepos.GitHub;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using HotRepos.GitHub.Resilience;

namespace HotRepos.Tests.GitHub;

public sealed class GitHubSearchClientTests
{
    private const string Query = "created:>=2026-11-20";

    private const string EmptyPage = """{"total_count":0,"incomplete_results":false,"items":[]}""";

    [Fact]
    public async Task SearchRepositoriesAsync_Real2021Response_ParsesBothItems()
    {
        var handler = StubHttpMessageHandler.AnsweringBytes(HttpStatusCode.OK, Fixtures.ReadBytes(Fixtures.Real2021), "application/json");

        var page = await CreateSut(handler).SearchRepositoriesAsync(Query, 1, 2, CancellationToken.None);

        Assert.Equal(775871, page.TotalCount);
        Assert.False(page.IncompleteResults);
        Assert.Equal(2, page.Items.Count);

        var first = page.Items[0];
        Assert.Equal(361514427, first.Id);
        Assert.Equal("GoodManWEN/GoodManWEN.github.io", first.FullName);
        Assert.Equal("https://github.com/GoodManWEN/GoodManWEN.github.io", first.HtmlUrl);
        Assert.Equal("A website simulating linux system's GUI, using theme of Deepin distro.", first.Description);
        Assert.Equal("Vue", first.Language);
        Assert.Equal(440, first.Stars);
        Assert.Equal(27, first.Forks);
        Assert.Equal(1, first.OpenIssues);
        Assert.Empty(first.Topics);
        Assert.Equal(new DateTimeOffset(2021, 4, 25, 19, 3, 27, TimeSpan.Zero), first.CreatedAt);
        Assert.Equal(TimeSpan.Zero, first.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2021, 5, 1, 12, 55, 29, TimeSpan.Zero), first.PushedAt);
        Assert.Equal("GoodManWEN", first.OwnerLogin);
        Assert.Equal("AGPL-3.0", first.LicenseSpdxId);
        Assert.False(first.Archived);
        Assert.False(first.Fork);

        var second = page.Items[1];
        Assert.Equal(362657620, second.Id);
        Assert.Equal("wisz2021/jd_docker", second.FullName);
        Assert.Equal("仅用查看文档", second.Description);
        Assert.Equal("Shell", second.Language);
        Assert.Equal(412, second.Stars);
        Assert.Equal(163, second.Forks);
        Assert.Equal(33, second.OpenIssues);
        Assert.Null(second.LicenseSpdxId);
        Assert.Empty(second.Topics);
        Assert.Equal("wisz2021", second.OwnerLogin);
        Assert.Equal(new DateTimeOffset(2021, 4, 29, 1, 46, 40, TimeSpan.Zero), second.CreatedAt);
        Assert.Equal(TimeSpan.Zero, second.CreatedAt.Offset);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_DocsExampleResponse_ParsesItsOneItem()
    {
        var handler = StubHttpMessageHandler.AnsweringBytes(HttpStatusCode.OK, Fixtures.ReadBytes(Fixtures.DocsExample), "application/json");

        var page = await CreateSut(handler).SearchRepositoriesAsync(Query, 1, 30, CancellationToken.None);

        // total_count is GitHub's match count, not the number of items on the page.
        Assert.Equal(40, page.TotalCount);
        var item = Assert.Single(page.Items);
        Assert.Equal(3081286, item.Id);
        Assert.Equal("dtrupenn/Tetris", item.FullName);
        Assert.Equal("https://github.com/dtrupenn/Tetris", item.HtmlUrl);
        Assert.Equal("A C implementation of Tetris using Pennsim through LC4", item.Description);
        Assert.Equal("Assembly", item.Language);
        Assert.Equal(1, item.Stars);
        Assert.Equal(0, item.Forks);
        Assert.Equal(0, item.OpenIssues);
        Assert.Empty(item.Topics);
        Assert.Equal(new DateTimeOffset(2012, 1, 1, 0, 31, 50, TimeSpan.Zero), item.CreatedAt);
        Assert.Equal("dtrupenn", item.OwnerLogin);
        Assert.Equal("MIT", item.LicenseSpdxId);
        Assert.True(item.Archived);
        Assert.False(item.Fork);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_ItemWithTopicsAndOffsetDates_ReadsTopicsAndConvertsDatesToUtc()
    {
        const string body = """
            {"total_count":1,"incomplete_results":true,"items":[{
              "id":42,"full_name":"a/b","html_url":"https://github.com/a/b","description":null,"language":null,
              "stargazers_count":5,"forks_count":1,"open_issues_count":2,"topics":["cli","rust"],
              "created_at":"2026-11-21T10:30:00+02:00","pushed_at":null,"owner":null,"license":{"spdx_id":"NOASSERTION"},
              "archived":false,"fork":true}]}
            """;

        var page = await CreateSut(StubHttpMessageHandler.Answering(HttpStatusCode.OK, body)).SearchRepositoriesAsync(Query, 1, 1, CancellationToken.None);

        Assert.True(page.IncompleteResults);
        var item = Assert.Single(page.Items);
        Assert.Equal(["cli", "rust"], item.Topics);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero), item.CreatedAt);
        Assert.Equal(TimeSpan.Zero, item.CreatedAt.Offset);
        Assert.Null(item.PushedAt);
        Assert.Null(item.OwnerLogin);
        Assert.Null(item.Description);
        Assert.Null(item.Language);
        Assert.Equal("NOASSERTION", item.LicenseSpdxId);
        Assert.True(item.Fork);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_BodyOfManyPooledChunks_ReadsEveryItemAcrossChunkBoundaries()
    {
        // ~300 KB: names, escaped strings, numbers and skipped nested members all fall across the parser's 16 KB chunks.
        var description = string.Concat(Enumerable.Repeat("""caf\u00e9 \"quoted\" \ud83d\ude80 """, 100));
        var items = Enumerable.Range(1, 100).Select(i => string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            {"id":{{i}},"node_id":"R_{{i}}","full\u005fname":"o/r{{i}}","html_url":"https://github.com/o/r{{i}}","description":"{{description}}",
             "language":"C#","stargazers_count":{{i * 1000}},"forks_count":{{i}},"open_issues_count":{{i % 7}},"topics":["t{{i}}","x"],
             "permissions":{"admin":false,"nested":[1,[2,{"login":"not-the-owner"}]]},"created_at":"2026-11-21T10:30:00+02:00",
             "pushed_at":"2026-11-22T00:00:00Z","owner":{"id":{{i}},"login":"o{{i}}","type":"User"},"license":{"key":"mit","spdx_id":"MIT"},
             "archived":{{(i % 2 == 0 ? "true" : "false")}},"fork":false,"score":1.0}
            """));
        var body = $$"""{"total_count":12345,"extra":{"a":[1,2,3]},"incomplete_results":false,"items":[{{string.Join(",", items)}}]}""";
        Assert.True(body.Length > 200_000);

        var page = await CreateSut(StubHttpMessageHandler.Answering(HttpStatusCode.OK, body)).SearchRepositoriesAsync(Query, 1, 100, CancellationToken.None);

        Assert.Equal(12345, page.TotalCount);
        Assert.Equal(100, page.Items.Count);
        var expectedDescription = string.Concat(Enumerable.Repeat("café \"quoted\" 🚀 ", 100));
        for (var i = 1; i <= 100; i++)
        {
            var item = page.Items[i - 1];
            Assert.Equal(i, item.Id);
            Assert.Equal($"o/r{i}", item.FullName);
            Assert.Equal($"https://github.com/o/r{i}", item.HtmlUrl);
            Assert.Equal(expectedDescription, item.Description);
            Assert.Equal("C#", item.Language);
            Assert.Equal(i * 1000, item.Stars);
            Assert.Equal(i, item.Forks);
            Assert.Equal(i % 7, item.OpenIssues);
            Assert.Equal([$"t{i}", "x"], item.Topics);
            Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero), item.CreatedAt);
            Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), item.PushedAt);
            Assert.Equal($"o{i}", item.OwnerLogin);
            Assert.Equal("MIT", item.LicenseSpdxId);
            Assert.Equal(i % 2 == 0, item.Archived);
            Assert.False(item.Fork);
        }
    }

    [Fact]
    public async Task SearchRepositoriesAsync_RateLimitHeadersOnSuccess_AttachesThemToPage()
    {
        var reset = new DateTimeOffset(2026, 11, 27, 13, 45, 30, TimeSpan.Zero);
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.OK,
            EmptyPage,
            ("X-RateLimit-Limit", "30"),
            ("X-RateLimit-Remaining", "29"),
            ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("X-RateLimit-Resource", "search"));

        var page = await CreateSut(handler).SearchRepositoriesAsync(Query, 1, 100, CancellationToken.None);

        Assert.Equal(new RateLimitInfo(30, 29, reset, "search"), page.RateLimit);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_NoRateLimitHeaders_PageHasNoRateLimit()
    {
        var page = await CreateSut(StubHttpMessageHandler.Answering(HttpStatusCode.OK, EmptyPage)).SearchRepositoriesAsync(Query, 1, 100, CancellationToken.None);

        Assert.Null(page.RateLimit);
        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/search/repositories")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3/search/repositories")]
    [InlineData("http://127.0.0.1:5055/", "http://127.0.0.1:5055/search/repositories")]
    public async Task SearchRepositoriesAsync_BaseAddress_GetsSearchRepositoriesUnderIt(string baseAddress, string expectedPath)
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, EmptyPage);

        await CreateSut(handler, baseAddress).SearchRepositoriesAsync(Query, 3, 50, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expectedPath, request.Uri.GetLeftPart(UriPartial.Path));
    }

    [Theory]
    [InlineData("created:>=2026-11-20", 1, 100)]
    [InlineData("created:>=2026-11-20 language:C++ topic:cli stars:>=10", 2, 100)]
    [InlineData("created:>=2026-11-20 language:C#", 10, 100)]
    [InlineData("created:>=2026-11-20 language:\"Jupyter Notebook\"", 1, 40)]
    [InlineData("created:>=2026-11-20 language:a&b=c", 1, 1)]
    public async Task SearchRepositoriesAsync_Query_SendsEscapedQAndSortOrderPaging(string query, int page, int perPage)
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, EmptyPage);

        await CreateSut(handler).SearchRepositoriesAsync(query, page, perPage, CancellationToken.None);

        var uri = Assert.Single(handler.Requests).Uri;
        var parameters = ParseQuery(uri);
        Assert.Equal(["q", "sort", "order", "per_page", "page"], parameters.Select(p => p.Name));
        Assert.Equal(query, parameters[0].Value);
        Assert.Equal("stars", parameters[1].Value);
        Assert.Equal("desc", parameters[2].Value);
        Assert.Equal(perPage.ToString(CultureInfo.InvariantCulture), parameters[3].Value);
        Assert.Equal(page.ToString(CultureInfo.InvariantCulture), parameters[4].Value);
    }

    [Theory]
    // '+' unescaped would reach GitHub as a space, '#' would start a fragment, ' ' and '"' are not URL characters.
    [InlineData("language:C++", "language%3AC%2B%2B")]
    [InlineData("language:C#", "language%3AC%23")]
    [InlineData("language:\"Jupyter Notebook\"", "language%3A%22Jupyter%20Notebook%22")]
    [InlineData("created:>=2026-11-20", "created%3A%3E%3D2026-11-20")]
    public async Task SearchRepositoriesAsync_QueryWithReservedCharacters_PercentEncodesThem(string query, string expectedEncodedQ)
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, EmptyPage);

        await CreateSut(handler).SearchRepositoriesAsync(query, 1, 100, CancellationToken.None);

        var uri = Assert.Single(handler.Requests).Uri;
        Assert.StartsWith($"?q={expectedEncodedQ}&", uri.Query, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", uri.Fragment);
    }

    [Theory]
    [InlineData("", 1, 100)]
    [InlineData("   ", 1, 100)]
    [InlineData(Query, 0, 100)]
    [InlineData(Query, 1, 0)]
    [InlineData(Query, 1, 101)]
    public async Task SearchRepositoriesAsync_InvalidArguments_ThrowsWithoutSending(string query, int page, int perPage)
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, EmptyPage);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => CreateSut(handler).SearchRepositoriesAsync(query, page, perPage, CancellationToken.None));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_Unauthorized_ThrowsBadCredentialsWithGitHubMessage()
    {
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.Unauthorized,
            """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.BadCredentials, exception.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.Contains("invalid token (401)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Bad credentials", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
    }

    // A GitHub-compatible server or a proxy that echoes the Authorization header back, in GitHub's message, errors[]
    // or a plain-text first line, and in its reason phrase.
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "application/json")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "application/json")]
    [InlineData(HttpStatusCode.Forbidden, "application/json")]
    [InlineData(HttpStatusCode.NotFound, "application/json")]
    [InlineData(HttpStatusCode.InternalServerError, "text/plain")]
    [InlineData(HttpStatusCode.Conflict, "text/plain")]
    public async Task SearchRepositoriesAsync_UpstreamEchoesTheToken_MessageCarriesItRedacted(HttpStatusCode status, string contentType)
    {
        const string token = "ghp_EchoedBack0123456789abcdefABCDEFsecret";
        var handler = new StubHttpMessageHandler(request =>
        {
            var echoed = request.Headers.Authorization!.ToString();
            var body = contentType == "text/plain"
                ? $"upstream refused {echoed}\nsecond line"
                : $$"""{"message":"credentials {{echoed}} rejected","errors":[{"resource":"Search","field":"q","code":"invalid","message":"not with {{echoed}}"}]}""";
            var content = new StringContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            return new HttpResponseMessage(status) { Content = content, ReasonPhrase = $"Refused {echoed}" };
        });
        var options = new GitHubOptions { Token = token };
        var http = new HttpClient(handler) { BaseAddress = new Uri("https://api.github.com/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var sut = new GitHubSearchClient(http, Options.Create(options), new FakeTimeProvider());

        var exception = await Assert.ThrowsAsync<GitHubApiException>(() => sut.SearchRepositoriesAsync(Query, 1, 100, CancellationToken.None));

        Assert.DoesNotContain(token, exception.ToString(), StringComparison.Ordinal);
        if (status != HttpStatusCode.NotFound)
        {
            Assert.Contains("Bearer ***", exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task SearchRepositoriesAsync_PrimaryRateLimitExhausted_ThrowsRateLimitedUntilReset(HttpStatusCode status)
    {
        var reset = new DateTimeOffset(2026, 11, 27, 13, 45, 30, TimeSpan.Zero);
        var handler = StubHttpMessageHandler.Answering(
            status,
            """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}""",
            ("X-RateLimit-Limit", "30"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("X-RateLimit-Resource", "search"));

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.RateLimited, exception.Kind);
        Assert.Equal(status, exception.StatusCode);
        Assert.Contains("rate limit exhausted until 13:45:30 UTC", exception.Message, StringComparison.Ordinal);
        Assert.Contains("API rate limit exceeded for user ID 1.", exception.Message, StringComparison.Ordinal);
        Assert.Equal(new RateLimitInfo(30, 0, reset, "search"), exception.RateLimit);
        Assert.False(exception.IsTransient);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    public async Task SearchRepositoriesAsync_SecondaryRateLimitMessage_ThrowsSecondaryRateLimitedWithRetryAfter(string remaining)
    {
        // GitHub's secondary-limit answer may also carry X-RateLimit-Remaining: 0; the message decides.
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.Forbidden,
            """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/free-pro-team@latest/rest/overview/resources-in-the-rest-api#secondary-rate-limits"}""",
            ("Retry-After", "60"),
            ("X-RateLimit-Limit", "30"),
            ("X-RateLimit-Remaining", remaining),
            ("X-RateLimit-Reset", "1795786530"));

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.SecondaryRateLimited, exception.Kind);
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Contains("secondary rate limit", exception.Message, StringComparison.Ordinal);
        Assert.Contains("You have exceeded a secondary rate limit", exception.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), exception.RetryAfter);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_TooManyRequestsWithRetryAfter_ThrowsSecondaryRateLimitedWithRetryAfter()
    {
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.TooManyRequests,
            """{"message":"Too many requests"}""",
            ("Retry-After", "30"));

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.SecondaryRateLimited, exception.Kind);
        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), exception.RetryAfter);
        Assert.Contains("(429: Too many requests)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_ForbiddenWithRetryAfterOnly_ThrowsSecondaryRateLimited()
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.Forbidden, """{"message":"Slow down"}""", ("Retry-After", "5"));

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.SecondaryRateLimited, exception.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), exception.RetryAfter);
    }

    [Theory]
    [InlineData("Fri, 27 Nov 2026 13:01:30 GMT", 90)]
    [InlineData("Fri, 27 Nov 2026 12:59:00 GMT", 0)]
    public async Task SearchRepositoriesAsync_RetryAfterAsDate_MeasuresItFromResponseDate(string retryAfter, int expectedSeconds)
    {
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.TooManyRequests,
            """{"message":"Too many requests"}""",
            ("Date", "Fri, 27 Nov 2026 13:00:00 GMT"),
            ("Retry-After", retryAfter));

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), exception.RetryAfter);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_PlainTextUserAgentRefusal_ThrowsForbiddenWithFirstLine()
    {
        const string firstLine = "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).";
        var handler = StubHttpMessageHandler.AnsweringText(HttpStatusCode.Forbidden, firstLine + "\nCheck https://developer.github.com for other possible causes.\n");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.Forbidden, exception.Kind);
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Equal($"GitHub refused the request (403): {firstLine}", exception.Message);
        Assert.DoesNotContain("other possible causes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_UnprocessableWithErrors_ThrowsInvalidQueryJoiningMessages()
    {
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.UnprocessableEntity,
            """
            {"message":"Validation Failed","errors":[
              {"message":"The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.","resource":"Search","field":"q","code":"invalid"},
              {"message":"The search contains only logical operators (AND / OR / NOT) without any search terms.","resource":"Search","field":"q","code":"invalid"},
              {"resource":"Search","field":"per_page","code":"missing"}],
             "documentation_url":"https://docs.github.com/v3/search/"}
            """);

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.InvalidQuery, exception.Kind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, exception.StatusCode);
        Assert.Equal(
            "query rejected by GitHub (422): Validation Failed — "
            + "The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.; "
            + "The search contains only logical operators (AND / OR / NOT) without any search terms.; "
            + "per_page missing",
            exception.Message);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_UnprocessableBeyondThousand_ThrowsInvalidQueryWithGitHubMessage()
    {
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.UnprocessableEntity,
            """{"message":"Only the first 1000 search results are available","documentation_url":"https://docs.github.com/v3/search/"}""");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.InvalidQuery, exception.Kind);
        Assert.Equal("query rejected by GitHub (422): Only the first 1000 search results are available", exception.Message);
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/search/repositories")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3/search/repositories")]
    public async Task SearchRepositoriesAsync_NotFound_ThrowsNotFoundNamingUrl(string baseAddress, string expectedUrl)
    {
        var handler = StubHttpMessageHandler.Answering(
            HttpStatusCode.NotFound,
            """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");

        var exception = await Assert.ThrowsAsync<GitHubApiException>(
            () => CreateSut(handler, baseAddress).SearchRepositoriesAsync(Query, 1, 100, CancellationToken.None));

        Assert.Equal(GitHubErrorKind.NotFound, exception.Kind);
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Contains(expectedUrl, exception.Message, StringComparison.Ordinal);
        Assert.Contains("check the base URL", exception.Message, StringComparison.Ordinal);

        // The URL is named without its query, which carries the user's search.
        Assert.DoesNotContain("per_page", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "Internal Server Error")]
    [InlineData(HttpStatusCode.BadGateway, "Bad Gateway")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "Service Unavailable")]
    [InlineData(HttpStatusCode.RequestTimeout, "Request Timeout")]
    public async Task SearchRepositoriesAsync_ServerFailure_ThrowsTransientServerError(HttpStatusCode status, string reason)
    {
        var handler = StubHttpMessageHandler.Answering(status, """{"message":"Server Error"}""");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.ServerError, exception.Kind);
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal($"GitHub failed ({(int)status} {reason}): Server Error", exception.Message);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_ServerFailureWithHtmlBody_KeepsFirstLineOfBody()
    {
        var handler = StubHttpMessageHandler.AnsweringText(HttpStatusCode.BadGateway, "502 Bad Gateway from proxy\n<html><body>...</body></html>");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.ServerError, exception.Kind);
        Assert.EndsWith(": 502 Bad Gateway from proxy", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_ServerFailureWithEmptyBody_UsesReasonPhrase()
    {
        var handler = StubHttpMessageHandler.AnsweringText(HttpStatusCode.ServiceUnavailable, "");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.ServerError, exception.Kind);
        Assert.Equal("GitHub failed (503 Service Unavailable): Service Unavailable", exception.Message);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_ServerFailureWithBrokenBody_StillThrowsServerError()
    {
        var handler = StubHttpMessageHandler.AnsweringBrokenBody(HttpStatusCode.InternalServerError, "{\"mess");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.ServerError, exception.Kind);
        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_UnexpectedStatus_ThrowsUnexpected()
    {
        var handler = StubHttpMessageHandler.Answering((HttpStatusCode)418, """{"message":"I'm a teapot"}""");

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.Unexpected, exception.Kind);
        Assert.Contains("418", exception.Message, StringComparison.Ordinal);
        Assert.Contains("I'm a teapot", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"total_count\": 5, \"incomplete_results\": false, \"items\": [")]
    [InlineData("<!DOCTYPE html><html><body>Unicorn!</body></html>")]
    [InlineData("")]
    [InlineData("{\"total_count\": \"many\", \"items\": []}")]
    [InlineData("{\"total_count\": 1, \"items\": {\"id\": 1}}")]
    [InlineData("[]")]
    public async Task SearchRepositoriesAsync_MalformedJson_ThrowsTransientInvalidResponse(string body)
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, body);

        var exception = await SearchExpectingFailureAsync(handler, page: 4);

        Assert.Equal(GitHubErrorKind.InvalidResponse, exception.Kind);
        Assert.Contains("page 4 with malformed JSON", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(exception.InnerException);
        Assert.True(exception.IsTransient);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"total_count\": 1, \"incomplete_results\": false}")]
    [InlineData("{\"total_count\": 1, \"incomplete_results\": false, \"items\": null}")]
    public async Task SearchRepositoriesAsync_NoItems_ThrowsInvalidResponse(string body)
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, body);

        var exception = await SearchExpectingFailureAsync(handler);

        Assert.Equal(GitHubErrorKind.InvalidResponse, exception.Kind);
    }

    [Theory]
    [InlineData("""{"id":1,"html_url":"https://github.com/a/b","created_at":"2026-11-21T00:00:00Z"}""")]
    [InlineData("""{"id":1,"full_name":"","html_url":"https://github.com/a/b","created_at":"2026-11-21T00:00:00Z"}""")]
    [InlineData("""{"id":1,"full_name":null,"html_url":"https://github.com/a/b","created_at":"2026-11-21T00:00:00Z"}""")]
    [InlineData("""{"full_name":"a/b","html_url":"https://github.com/a/b","created_at":"2026-11-21T00:00:00Z"}""")]
    [InlineData("""{"id":1,"full_name":"a/b","created_at":"2026-11-21T00:00:00Z"}""")]
    [InlineData("""{"id":1,"full_name":"a/b","html_url":"https://github.com/a/b"}""")]
    public async Task SearchRepositoriesAsync_ItemLackingRequiredField_ThrowsInvalidResponse(string item)
    {
        var valid = """{"id":2,"full_name":"c/d","html_url":"https://github.com/c/d","created_at":"2026-11-21T00:00:00Z"}""";
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, $$"""{"total_count":2,"incomplete_results":false,"items":[{{valid}},{{item}}]}""");

        var exception = await SearchExpectingFailureAsync(handler, page: 2);

        Assert.Equal(GitHubErrorKind.InvalidResponse, exception.Kind);
        Assert.Contains("page 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains("full_name", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_BodyBreaksOffMidRead_ThrowsTransientBrokenBody()
    {
        var handler = StubHttpMessageHandler.AnsweringBrokenBody(
            HttpStatusCode.OK,
            """{"total_count":2,"incomplete_results":false,"items":[{"id":1,"full_name":"a/b",""");

        var exception = await SearchExpectingFailureAsync(handler, page: 5);

        Assert.Equal(GitHubErrorKind.BrokenBody, exception.Kind);
        Assert.Contains("broke off while reading page 5", exception.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(exception.InnerException);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_ConnectionFails_ThrowsTransientNetwork()
    {
        var failure = new HttpRequestException("Connection refused (api.github.com:443)");
        var handler = StubHttpMessageHandler.Failing(failure);

        var exception = await SearchExpectingFailureAsync(handler, page: 3);

        Assert.Equal(GitHubErrorKind.Network, exception.Kind);
        Assert.Null(exception.StatusCode);
        Assert.Same(failure, exception.InnerException);
        Assert.Contains("connection to GitHub failed for page 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", exception.Message, StringComparison.Ordinal);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task SearchRepositoriesAsync_CancelledToken_ThrowsOperationCanceledNotGitHubError()
    {
        var handler = StubHttpMessageHandler.Answering(HttpStatusCode.OK, EmptyPage);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var exception = await Record.ExceptionAsync(() => CreateSut(handler).SearchRepositoriesAsync(Query, 1, 100, cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(exception);
    }

    // The fake clock never moves here, so the client's body timeout cannot fire in the middle of a test.
    private static GitHubSearchClient CreateSut(StubHttpMessageHandler handler, string baseAddress = "https://api.github.com/") =>
        new(new HttpClient(handler) { BaseAddress = new Uri(baseAddress) }, Options.Create(new GitHubOptions()), new FakeTimeProvider());

    private static Task<GitHubApiException> SearchExpectingFailureAsync(StubHttpMessageHandler handler, int page = 1) =>
        Assert.ThrowsAsync<GitHubApiException>(() => CreateSut(handler).SearchRepositoriesAsync(Query, page, 100, CancellationToken.None));

    private static List<(string Name, string Value)> ParseQuery(Uri uri) =>
        uri.Query.TrimStart('?')
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (parts[0], Uri.UnescapeDataString(parts[1])))
            .ToList();
}
