using System.Diagnostics;
using HotRepos.GitHubEmulator;
using HotRepos.Reports;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using HotRepos.Requests;

namespace HotRepos.Tests.Integration;

/// <summary>Faults, rate limits and bad answers from the emulator: every report comes out exact, or fails with a clear reason.</summary>
public sealed class ResilienceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.BadGateway)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.SlowBody)]
    [InlineData(FaultKind.IncompleteResults)]
    [InlineData(FaultKind.SecondaryRateLimit)]
    public async Task GenerateAsync_FirstTwoAttemptsOfEveryPageFail_CsvIsByteIdenticalToTheFaultFreeRun(FaultKind kind)
    {
        await using var host = await ReportTestHost.StartAsync(o => o with { SecondaryRetryAfter = TimeSpan.FromSeconds(1) });
        var request = ReportTestHost.Request(300) with { Layout = CsvLayout.Ranked };
        var expected = await File.ReadAllBytesAsync((await host.Generator.GenerateAsync(request, null, CancellationToken.None)).FilePath);
        host.Emulator.ResetStats();
        host.Emulator.Faults = new FaultOptions { Rules = [new FaultRule(kind, Attempts: 2)] };

        var result = await host.Generator.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(expected, await File.ReadAllBytesAsync(result.FilePath));
        // A slow body is slow, not broken: each of the 3 pages is read once. Every other fault costs 2 attempts a page.
        Assert.Equal(kind == FaultKind.SlowBody ? 3 : 6, host.Emulator.Stats.CountFault(kind));
        Assert.Empty(result.Warnings);
        Assert.Equal([Path.GetFileName(result.FilePath)], host.FilesInOutput());
    }

    [Fact]
    public async Task GenerateAsync_TwentyPercentMixedFaultsOver50Reports_EveryCsvIsByteIdenticalToTheFaultFreeRun()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { SecondaryRetryAfter = TimeSpan.FromSeconds(1) },
            github => github.RetryCount = 6);
        var requests = Enumerable.Range(0, 50).Select(i => ReportTestHost.Request(top: 60 + (i * 7), period: (Period)(i % 3)) with
        {
            GroupBy = (GroupBy)(i % 2),
            Layout = (CsvLayout)((i / 2) % 2),
        }).ToList();
        var expected = new List<byte[]>();
        foreach (var request in requests)
        {
            expected.Add(await File.ReadAllBytesAsync((await host.Generator.GenerateAsync(request, null, CancellationToken.None)).FilePath));
        }

        host.Emulator.ResetStats();
        host.Emulator.Faults = new FaultOptions { Seed = 2027, FaultRate = 0.2 };
        var results = await Task.WhenAll(requests.Select(r => host.Generator.GenerateAsync(r, null, CancellationToken.None)));

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(expected[i], await File.ReadAllBytesAsync(results[i].FilePath));
        }

        var stats = host.Emulator.Stats;
        output.WriteLine($"{stats.TotalRequests} requests, faults: {string.Join(", ", stats.Faults.Select(f => $"{f.Key}={f.Value}"))}");
        Assert.True(stats.Faults.Where(f => f.Key != FaultKind.Latency).Sum(f => f.Value) >= 30, "the run should have met a fault mix");
        Assert.DoesNotContain(host.FilesInOutput(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenerateAsync_TwentyReportsAgainstAShortWindowRateLimit_AllCompleteWithAtMostOneRejectionPerWindow()
    {
        const int limit = 10;
        var window = TimeSpan.FromSeconds(1);
        await using var host = await ReportTestHost.StartAsync(
            o => o with { AnonymousRateLimit = limit, RateLimitWindow = window },
            github => github.RateLimitResetSkew = TimeSpan.FromMilliseconds(50));
        var requests = Enumerable.Range(0, 20).Select(i => ReportTestHost.Request(200) with { MinStars = i }).ToList();
        var watch = Stopwatch.StartNew();

        var results = await Task.WhenAll(requests.Select(r => host.Generator.GenerateAsync(r, null, CancellationToken.None)));

        watch.Stop();
        var stats = host.Emulator.Stats;
        var pages = results.Sum(r => r.PagesFetched);
        var windows = (int)Math.Ceiling(watch.Elapsed / window) + 1;
        var quotaBound = window * ((double)pages / limit);
        output.WriteLine($"{pages} pages, {stats.TotalRequests} requests, {stats.PrimaryRateLimitRejections} rejected, {watch.Elapsed.TotalSeconds:0.00} s; pages / rate = {quotaBound.TotalSeconds:0.00} s");
        Assert.All(results, r => Assert.Equal(200, r.Repositories));
        Assert.Equal(40, pages);
        Assert.InRange(stats.PrimaryRateLimitRejections, 0, windows);
    }

    // Eight 5-page reports against 10 requests a minute, on the emulator's clock, which runs far faster than real
    // time here. Answers come back in another order than GitHub counted them (latency with jitter), so the first
    // answer of a window rarely carries its true remaining count. Every window must still be used to the last request.
    [Fact]
    public async Task GenerateAsync_EightReportsAgainstTenRequestsAWindow_FillEveryWindowWithoutARejection()
    {
        const int limit = 10;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 13, 45, 0, TimeSpan.Zero));

        // The first requests are held until all five are counted, so none is answered before GitHub counted the rest.
        var burst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ReportTestHost.StartAsync(
            o => o with
            {
                AnonymousRateLimit = limit,
                RateLimitWindow = TimeSpan.FromMinutes(1),
                TimeProvider = clock,
                Faults = new FaultOptions { Latency = TimeSpan.FromSeconds(2), Jitter = TimeSpan.FromSeconds(1.5), Gate = burst.Task },
            },
            github => github.RequestTimeout = TimeSpan.FromMinutes(10),
            timeProvider: clock);
        var requests = Enumerable.Range(0, 8).Select(i => ReportTestHost.Request(500) with { MinStars = i }).ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var reports = Task.WhenAll(requests.Select(r => host.Generator.GenerateAsync(r, null, deadline.Token)));
        while (!reports.IsCompleted && !deadline.IsCancellationRequested)
        {
            if (host.Emulator.InFlight >= 5)
            {
                burst.TrySetResult();
            }

            // About 100 times real time: a request's way through the client and the emulator stays far below a window.
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, CancellationToken.None);
        }

        var results = await reports;
        var stats = host.Emulator.Stats;
        var perWindow = stats.Requests
            .Where(r => r.Status == 200)
            .GroupBy(r => r.RateLimitReset)
            .OrderBy(g => g.Key)
            .Select(g => g.Count())
            .ToList();
        output.WriteLine($"requests per window: {string.Join(", ", perWindow)}; {stats.PrimaryRateLimitRejections} rejected");
        Assert.All(results, r => Assert.Equal(500, r.Repositories));
        Assert.Equal(0, stats.PrimaryRateLimitRejections);
        Assert.Equal([limit, limit, limit, limit], perWindow);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitResetBeyondMaxWait_FailsWithTheResetTime()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { AnonymousRateLimit = 2, RateLimitWindow = TimeSpan.FromMinutes(10) },
            github => github.MaxRateLimitWait = TimeSpan.FromSeconds(2));

        var failure = await Assert.ThrowsAsync<ReportFailedException>(
            () => host.Generator.GenerateAsync(ReportTestHost.Request(500), null, CancellationToken.None));

        Assert.Matches(@"^GitHub rate limit exhausted until \d{2}:\d{2}:\d{2} UTC", failure.Message);
        Assert.Empty(host.FilesInOutput());
    }

    [Fact]
    public async Task GenerateAsync_SecondaryRateLimitStorm_FailsWithTheSecondaryLimitMessage()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { SecondaryRetryAfter = TimeSpan.FromSeconds(1), Faults = new FaultOptions { Rules = [new FaultRule(FaultKind.SecondaryRateLimit)] } },
            github => github.RetryCount = 2);

        var failure = await Assert.ThrowsAsync<ReportFailedException>(
            () => host.Generator.GenerateAsync(ReportTestHost.Request(100), null, CancellationToken.None));

        Assert.StartsWith("GitHub secondary rate limit hit (403: You have exceeded a secondary rate limit", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.Emulator.Stats.TotalRequests);
        Assert.Empty(host.FilesInOutput());
    }

    [Fact]
    public async Task GenerateAsync_QueryRejectedWith422_FailsAtOnceWithGitHubsMessage()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { Faults = new FaultOptions { Rules = [new FaultRule(FaultKind.ValidationFailed)] } });

        var failure = await Assert.ThrowsAsync<ReportFailedException>(
            () => host.Generator.GenerateAsync(ReportTestHost.Request(100), null, CancellationToken.None));

        Assert.StartsWith("query rejected by GitHub (422): Validation Failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be searched", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task GenerateAsync_NeverEnding503_FailsAfterItsRetriesWithTheStatus()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { Faults = new FaultOptions { Rules = [new FaultRule(FaultKind.ServiceUnavailable)] } },
            github => github.RetryCount = 3);

        var failure = await Assert.ThrowsAsync<ReportFailedException>(
            () => host.Generator.GenerateAsync(ReportTestHost.Request(100), null, CancellationToken.None));

        Assert.StartsWith("GitHub failed (503 Service Unavailable)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, host.Emulator.Stats.CountStatus(503));
    }

    [Fact]
    public async Task GenerateAsync_NoAnswerWithinRequestTimeout_FailsAfterTheHandlerRetriesAlone()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { Faults = new FaultOptions { Latency = TimeSpan.FromSeconds(5) } },
            github =>
            {
                github.RetryCount = 1;
                github.RequestTimeout = TimeSpan.FromMilliseconds(200);
            });

        var failure = await Assert.ThrowsAsync<ReportFailedException>(
            () => host.Generator.GenerateAsync(ReportTestHost.Request(100), null, CancellationToken.None));

        Assert.Equal("GitHub did not answer page 1 within 0.2 s", failure.Message);
        Assert.Equal(2, host.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task GenerateAsync_OneReportFails_OtherReportsInFlightAreUnaffected()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { Faults = new FaultOptions { Rules = [new FaultRule(FaultKind.ServiceUnavailable, QueryContains: "language:Rust")] } },
            github => github.RetryCount = 1);
        var failing = ReportTestHost.Request(300) with { Language = "Rust" };
        var healthy = Enumerable.Range(0, 3).Select(i => ReportTestHost.Request(300 + i) with { Layout = CsvLayout.Ranked }).ToList();

        var failed = Assert.ThrowsAsync<ReportFailedException>(() => host.Generator.GenerateAsync(failing, null, CancellationToken.None));
        var succeeded = Task.WhenAll(healthy.Select(r => host.Generator.GenerateAsync(r, null, CancellationToken.None)));

        await failed;
        var results = await succeeded;
        for (var i = 0; i < healthy.Count; i++)
        {
            var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(healthy[i]), healthy[i].Top);
            Assert.Equal(expected, CsvRows.ReadRanked(results[i].FilePath).Select(r => r["full_name"]));
        }
    }

    [Fact]
    public async Task GenerateAsync_PageStaysIncomplete_CompletesWithAWarning()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { Faults = new FaultOptions { Rules = [new FaultRule(FaultKind.IncompleteResults, Page: 2)] } },
            github => github.RetryCount = 2);

        var result = await host.Generator.GenerateAsync(ReportTestHost.Request(300), null, CancellationToken.None);

        Assert.Equal(300, result.Repositories);
        Assert.Equal(["GitHub marked page 2 incomplete (its search timed out): the report may miss repositories"], result.Warnings);
        Assert.Equal(3, host.Emulator.Stats.CountPage(2));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhilePagesAreInFlight_AbortsTheRequestsAndLeavesNoFile()
    {
        await using var host = await ReportTestHost.StartAsync(o => o with { Faults = new FaultOptions { Latency = TimeSpan.FromSeconds(30) } });
        using var cancellation = new CancellationTokenSource();
        var report = host.Generator.GenerateAsync(ReportTestHost.Request(500), null, cancellation.Token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (host.Emulator.InFlight < 5)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, deadline.Token);
        }

        var watch = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => report);
        while (host.Emulator.InFlight > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, deadline.Token);
        }

        output.WriteLine($"all 5 requests aborted {watch.ElapsedMilliseconds} ms after the cancel (the emulator would have answered after 30 s)");

        Assert.Equal(5, host.Emulator.Stats.CountStatus(0));
        Assert.Empty(host.FilesInOutput());
    }
}
