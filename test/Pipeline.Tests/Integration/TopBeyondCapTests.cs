using HotRepos.GitHubEmulator;
using HotRepos.Reports;
using HotRepos.Requests;
using HotRepos.Sample;
using HotRepos.Tests.TestSupport;

namespace HotRepos.Tests.Integration;

/// <summary>Reports above GitHub's 1,000 results per search, read in star-range slices, against the emulator over sockets.</summary>
public sealed class TopBeyondCapTests
{
    private const int CatalogSize = 7000;

    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(1001)]
    [InlineData(2500)]
    [InlineData(5000)]
    public async Task GenerateAsync_TopAboveCapWithTiesAtSliceEdges_WritesTheServersOwnTopNInOrder(int top)
    {
        // Every star count is shared by 7 repositories, and 150 share the one around the 1,000th: every slice edge falls in a tie.
        await using var host = await StartAsync(ranks => ranks is >= 900 and < 1050 ? 100_000 - 900 : 100_000 - (ranks / 7));
        var request = Request(top);

        var result = await host.Generator.GenerateAsync(request, null, Ct);

        var expected = host.Emulator.ExpectedFullRanking(ReportTestHost.QueryFor(request), top);
        Assert.Equal(top, expected.Count);
        Assert.Equal(expected, CsvRows.ReadRanked(result.FilePath).Select(row => row["full_name"]).ToList());
        AssertWithinBudget(host, result, top);
    }

    [Fact]
    public async Task GenerateAsync_1200RepositoriesShareOneStarCount_ReadsThemInCreationWindowsAndWritesTheServersTopN()
    {
        // 500 repositories above, 1,200 at 50 stars, then fewer stars in ties of 120.
        await using var host = await StartAsync(ranks => ranks switch
        {
            < 500 => 100_000 - ranks,
            < 1700 => 50,
            _ => (CatalogSize - ranks) / 120,
        });
        var request = Request(2500);

        var result = await host.Generator.GenerateAsync(request, null, Ct);

        var expected = host.Emulator.ExpectedFullRanking(ReportTestHost.QueryFor(request), 2500);
        Assert.Equal(expected, CsvRows.ReadRanked(result.FilePath).Select(row => row["full_name"]).ToList());
        Assert.True(result.CrowdedStarCounts == 1, $"slices {result.Slices}, searches {result.PagesFetched}, crowded {result.CrowdedStarCounts}, by page {string.Join(",", host.Emulator.Stats.ByPage)}");
        AssertWithinBudget(host, result, 2500);
    }

    [Fact]
    public async Task GenerateAsync_StarsDriftWhileSlicesAreRead_HoldsExactlyTopUniqueRepositories()
    {
        await using var host = await ReportTestHost.StartAsync(o => o with { RepositoryCount = CatalogSize, Faults = new FaultOptions { Drift = true } });
        var request = Request(2500);

        var result = await host.Generator.GenerateAsync(request, null, Ct);

        var names = CsvRows.ReadRanked(result.FilePath).Select(row => row["full_name"]).ToList();
        Assert.Equal(2500, names.Count);
        Assert.Equal(2500, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2500, result.Repositories);
        Assert.True(result.Slices > 1, "a report above 1,000 reads more than one slice");
    }

    [Fact]
    public async Task GenerateAsync_FilteredTopAboveCap_ListsOnlyMatchesInTheServersOrder()
    {
        await using var host = await StartAsync(ranks => 100_000 - (ranks / 7));
        var request = Request(1500) with { MinStars = 99_500 };

        var result = await host.Generator.GenerateAsync(request, null, Ct);

        var expected = host.Emulator.ExpectedFullRanking(ReportTestHost.QueryFor(request), 1500);
        Assert.InRange(expected.Count, 1001, 1500);
        Assert.Equal(expected, CsvRows.ReadRanked(result.FilePath).Select(row => row["full_name"]).ToList());
        AssertWithinBudget(host, result, 1500);
    }

    private static void AssertWithinBudget(ReportTestHost host, ReportResult result, int top)
    {
        var budget = ReportAssembler.SearchBudget(top, result.Slices, result.CrowdedStarCounts);
        Assert.Equal(result.PagesFetched, host.Emulator.Stats.TotalRequests);
        Assert.InRange(host.Emulator.Stats.TotalRequests, (top + 99) / 100, budget);
    }

    /// <summary>Every repository of the catalog, created over the catalog's 60 days.</summary>
    private static ReportRequest Request(int top) =>
        new() { Since = ReportTestHost.Today.AddDays(-SampleCatalog.SpanDays - 1), ReferenceDate = ReportTestHost.Today, Top = top, Layout = CsvLayout.Ranked };

    /// <summary>A catalog whose star counts are <paramref name="starsAt"/> of each repository's position in id order.</summary>
    private static Task<ReportTestHost> StartAsync(Func<int, int> starsAt) =>
        ReportTestHost.StartAsync(o => o with
        {
            RepositoryCount = CatalogSize,
            ShapeCatalog = catalog => [.. catalog.OrderBy(r => r.Id).Select((r, i) => r with { Stargazers = starsAt(i) })],
        });
}
