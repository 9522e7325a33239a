using HotRepos.GitHubEmulator;
using HotRepos.Reports;
using HotRepos.Tests.TestSupport;
using HotRepos.Requests;

namespace HotRepos.Tests.Integration;

/// <summary>The whole library against the loopback GitHub emulator, over real sockets.</summary>
public sealed class ReportGeneratorTests
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    [Theory]
    [InlineData(1, GroupBy.Language)]
    [InlineData(99, GroupBy.Topic)]
    [InlineData(100, GroupBy.Language)]
    [InlineData(101, GroupBy.Topic)]
    [InlineData(500, GroupBy.Language)]
    [InlineData(500, GroupBy.Topic)]
    [InlineData(1000, GroupBy.Language)]
    [InlineData(1000, GroupBy.Topic)]
    public async Task GenerateAsync_RankedLayout_HoldsExactlyTheServersTopNInRankOrder(int top, GroupBy groupBy)
    {
        await using var host = await ReportTestHost.StartAsync();
        var request = ReportTestHost.Request(top) with { GroupBy = groupBy, Layout = CsvLayout.Ranked };

        var result = await host.Generator.GenerateAsync(request, null, CancellationToken.None);

        var rows = CsvRows.ReadRanked(result.FilePath);
        var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(request), top);
        Assert.Equal(top, expected.Count);
        Assert.Equal(expected, rows.Select(r => r["full_name"]));
        Assert.Equal(Enumerable.Range(1, top).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["rank"]));
        Assert.Equal(top, result.Repositories);
        Assert.Equal((top + 99) / 100, result.PagesFetched);
    }

    [Theory]
    [InlineData(GroupBy.Language)]
    [InlineData(GroupBy.Topic)]
    public async Task GenerateAsync_SummaryLayout_ListsEveryRepositoryOfTheTopNUnderItsGroups(GroupBy groupBy)
    {
        await using var host = await ReportTestHost.StartAsync();
        var request = ReportTestHost.Request(500) with { GroupBy = groupBy, Layout = CsvLayout.Summary };

        var result = await host.Generator.GenerateAsync(request, null, CancellationToken.None);

        var rows = CsvRows.ReadFile(result.FilePath);
        Assert.Equal(["group", "count", "repositories"], rows[0]);
        var groups = rows.Skip(1).ToList();
        Assert.All(groups, g => Assert.Equal(int.Parse(g[1], System.Globalization.CultureInfo.InvariantCulture), g.Length - 2));
        Assert.Equal(groups.Select(g => g[0]).Order(StringComparer.OrdinalIgnoreCase), groups.Select(g => g[0]));
        var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(request), 500);
        var listed = groups.SelectMany(g => g.Skip(2)).ToHashSet();
        Assert.Equal(expected.ToHashSet(), listed);

        // Inside a group, repositories keep their rank order.
        var rank = expected.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        Assert.All(groups, g => Assert.Equal(g.Skip(2).OrderBy(n => rank[n]), g.Skip(2)));
        Assert.Equal(groups.Count, result.Groups);
    }

    [Theory]
    [InlineData(GroupBy.Language)]
    [InlineData(GroupBy.Topic)]
    public async Task GenerateAsync_GroupedLayout_WritesARowPerRepositoryAndGroupOrderedByGroupThenRank(GroupBy groupBy)
    {
        await using var host = await ReportTestHost.StartAsync();
        var request = ReportTestHost.Request(500) with { GroupBy = groupBy };

        var result = await host.Generator.GenerateAsync(request, null, CancellationToken.None);

        var rows = CsvRows.ReadFile(result.FilePath);
        Assert.Equal(["group", "rank_in_group", "rank", "full_name"], rows[0][..4]);
        var body = rows.Skip(1).ToList();
        Assert.All(body, r => Assert.Equal(rows[0].Length, r.Length));
        var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(request), 500);
        Assert.Equal(expected.ToHashSet(), body.Select(r => r[3]).ToHashSet());
        if (groupBy == GroupBy.Language)
        {
            Assert.Equal(500, body.Count); // one language each: one row each
        }

        // Ordered by group, then rank; rank_in_group counts 1, 2, 3 … inside each group.
        var ordered = body.OrderBy(r => r[0], StringComparer.OrdinalIgnoreCase).ThenBy(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ordered, body);
        foreach (var group in body.GroupBy(r => r[0]))
        {
            Assert.Equal(Enumerable.Range(1, group.Count()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), group.Select(r => r[1]));
        }

        Assert.Equal(body.Select(r => r[0]).Distinct().Count(), result.Groups);
    }

    [Fact]
    public async Task GenerateAsync_HostileDescriptions_ReadBackIntactAndNoCellStartsWithAFormula()
    {
        await using var host = await ReportTestHost.StartAsync();
        var request = ReportTestHost.Request(1000) with { Layout = CsvLayout.Ranked };

        var result = await host.Generator.GenerateAsync(request, null, CancellationToken.None);

        var catalog = host.Emulator.Catalog.ToDictionary(r => $"{r.OwnerLogin}/{r.Name}");
        var rows = CsvRows.ReadRanked(result.FilePath);
        var hostile = 0;
        foreach (var row in rows)
        {
            var original = catalog[row["full_name"]].Description ?? string.Empty;
            var neutralized = original.Length > 0 && FormulaStarts.Contains(original[0]) ? "'" + original : original;
            Assert.Equal(neutralized, row["description"]);
            hostile += original.IndexOfAny([',', '"', '\n']) >= 0 || neutralized != original ? 1 : 0;
        }

        Assert.True(hostile > 10, $"the catalog's top 1000 should hold hostile descriptions; found {hostile}");
        Assert.All(rows.SelectMany(r => r.Values), cell => Assert.False(cell.Length > 0 && FormulaStarts.Contains(cell[0]), $"live formula cell: {cell}"));
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentReports_NeverMixPages()
    {
        await using var host = await ReportTestHost.StartAsync();
        ReportRequest[] requests =
        [
            ReportTestHost.Request(300) with { Layout = CsvLayout.Ranked },
            ReportTestHost.Request(300, Period.Week) with { Layout = CsvLayout.Ranked },
            ReportTestHost.Request(200) with { Layout = CsvLayout.Ranked, Language = "Rust" },
            ReportTestHost.Request(250) with { Layout = CsvLayout.Ranked, MinStars = 5 },
        ];

        var results = await Task.WhenAll(requests.Select(r => host.Generator.GenerateAsync(r, null, CancellationToken.None)));

        for (var i = 0; i < requests.Length; i++)
        {
            var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(requests[i]), requests[i].Top);
            Assert.Equal(expected, CsvRows.ReadRanked(results[i].FilePath).Select(r => r["full_name"]));
        }
    }

    [Fact]
    public async Task GenerateAsync_PageThatKeepsFailing_FailsWithReasonLeavesNoFileAndTheNextReportSucceeds()
    {
        var faults = new FaultOptions { Rules = [new FaultRule(FaultKind.ServiceUnavailable, Page: 3)] };
        await using var host = await ReportTestHost.StartAsync(o => o with { Faults = faults }, github => github.RetryCount = 2);

        var failure = await Assert.ThrowsAsync<ReportFailedException>(
            () => host.Generator.GenerateAsync(ReportTestHost.Request(500), null, CancellationToken.None));

        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
        Assert.Empty(host.FilesInOutput());

        // The failed report left no faulted block behind: the same generator serves the next report.
        host.Emulator.Faults = FaultOptions.None;
        var result = await host.Generator.GenerateAsync(ReportTestHost.Request(500), null, CancellationToken.None);
        Assert.Equal(500, result.Repositories);
        Assert.Equal([Path.GetFileName(result.FilePath)], host.FilesInOutput());
    }

    [Fact]
    public async Task GenerateAsync_EnterpriseBaseUrl_FetchesUnderApiV3()
    {
        await using var host = await ReportTestHost.StartAsync(enterprise: true);

        var result = await host.Generator.GenerateAsync(ReportTestHost.Request(150), null, CancellationToken.None);

        Assert.Equal(150, result.Repositories);
        Assert.All(host.Emulator.Stats.Requests, r => Assert.StartsWith("/api/v3/search/repositories?", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenerateAsync_EveryPage_ReportsProgressUpToTheTotal()
    {
        await using var host = await ReportTestHost.StartAsync();
        var progress = new CollectingProgress();

        await host.Generator.GenerateAsync(ReportTestHost.Request(500), progress, CancellationToken.None);

        var reports = progress.Reports;
        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.PagesDone).Order());
        Assert.All(reports, r => Assert.Equal(5, r.PagesTotal));
        Assert.Equal(500, reports.Max(r => r.Repositories));
    }

    [Fact]
    public async Task GenerateAsync_Requests_CarryGitHubHeadersAndTheTokenOnlyAsBearer()
    {
        const string token = "ghp_testtoken0123456789abcdef";
        await using var host = await ReportTestHost.StartAsync(
            o => o with { ValidTokens = [token] },
            github => github.Token = token);

        var result = await host.Generator.GenerateAsync(ReportTestHost.Request(200), null, CancellationToken.None);

        var requests = host.Emulator.Stats.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(200, r.Status);
            Assert.Equal("Bearer", r.AuthorizationScheme);
            Assert.StartsWith("HotRepos/", r.UserAgent, StringComparison.Ordinal);
            Assert.Equal("application/vnd.github+json", r.Accept);
            Assert.Equal("2022-11-28", r.ApiVersion);
            Assert.DoesNotContain(token, r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("sort=stars&order=desc&per_page=100", r.PathAndQuery, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(token, await File.ReadAllTextAsync(result.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_BadToken_FailsWithInvalidTokenReason()
    {
        await using var host = await ReportTestHost.StartAsync(
            o => o with { ValidTokens = ["ghp_good"] },
            github => github.Token = "ghp_bad_secret");

        var failure = await Assert.ThrowsAsync<ReportFailedException>(
            () => host.Generator.GenerateAsync(ReportTestHost.Request(100), null, CancellationToken.None));

        Assert.StartsWith("invalid token (401)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_bad_secret", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task GenerateAsync_Top1000_NeverAsksBeyondGitHubsCap()
    {
        await using var host = await ReportTestHost.StartAsync();

        await host.Generator.GenerateAsync(ReportTestHost.Request(1000), null, CancellationToken.None);

        var stats = host.Emulator.Stats;
        Assert.Equal(10, stats.TotalRequests);
        Assert.Equal(0, stats.CountPage(11));
        Assert.Equal(10, stats.CountStatus(200));
    }

    [Fact]
    public async Task GenerateAsync_FewerMatchesThanTop_WritesWhatExistsWithAWarning()
    {
        await using var host = await ReportTestHost.StartAsync();
        var request = ReportTestHost.Request(500, Period.Day) with { MinStars = 200 };

        var result = await host.Generator.GenerateAsync(request, null, CancellationToken.None);

        var expected = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(request), 500);
        Assert.InRange(expected.Count, 1, 499);
        Assert.Equal(expected.Count, result.Repositories);
        Assert.Contains(result.Warnings, w => w.Contains($"GitHub has only {expected.Count} matching repositories", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenerateAsync_DriftingRanking_StillWritesExactlyNUniqueRepositories()
    {
        await using var host = await ReportTestHost.StartAsync(o => o with { Faults = new FaultOptions { Drift = true } });

        var result = await host.Generator.GenerateAsync(ReportTestHost.Request(500) with { Layout = CsvLayout.Ranked }, null, CancellationToken.None);

        var names = CsvRows.ReadRanked(result.FilePath).Select(r => r["full_name"]).ToList();
        Assert.Equal(500, names.Count);
        Assert.Equal(500, names.Distinct().Count());
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_ThrowsAndLeavesNoFile()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ReportTestHost.StartAsync(o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        using var cancellation = new CancellationTokenSource();

        var report = host.Generator.GenerateAsync(ReportTestHost.Request(500), null, cancellation.Token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (host.Emulator.InFlight == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, deadline.Token);
        }

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => report);
        gate.SetResult();
        Assert.Empty(host.FilesInOutput());
    }
}
