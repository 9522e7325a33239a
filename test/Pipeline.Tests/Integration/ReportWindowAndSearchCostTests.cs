using System.Globalization;
using HotRepos.GitHubEmulator;
using HotRepos.Requests;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;

namespace HotRepos.Tests.Integration;

/// <summary>What a report covers (its creation-date window) and what it costs (searches), against the emulator over sockets.</summary>
public sealed class ReportWindowAndSearchCostTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task GenerateAsync_PastReferenceDate_ListsOnlyRepositoriesCreatedInItsWindow()
    {
        await using var host = await ReportTestHost.StartAsync();
        var reference = ReportTestHost.Today.AddDays(-10);
        var request = new ReportRequest { Period = Period.Day, ReferenceDate = reference, Top = 1000, Layout = CsvLayout.Ranked };

        var result = await host.Generator.GenerateAsync(request, null, Ct);

        var created = CsvRows.ReadRanked(result.FilePath)
            .Select(row => DateOnly.FromDateTime(DateTimeOffset.Parse(row["created_at"], CultureInfo.InvariantCulture).UtcDateTime))
            .ToList();
        Assert.NotEmpty(created);
        Assert.All(created, date => Assert.InRange(date, reference.AddDays(-1), reference));

        // The catalog does hold repositories created after the reference date: an open-ended window would list them.
        Assert.NotEmpty(host.Emulator.ExpectedRanking($"created:>{reference:yyyy-MM-dd}", 10));
    }

    [Fact]
    public async Task GenerateAsync_FilterWithAFewMatches_SpendsOneSearch()
    {
        await using var host = await ReportTestHost.StartAsync();
        var request = ReportTestHost.Request(top: 500) with { Language = "Haskell" };
        var matches = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(request), 1000).Count;

        var result = await host.Generator.GenerateAsync(request, null, Ct);

        Assert.InRange(matches, 1, 99);
        Assert.Equal(matches, result.Repositories);
        Assert.Equal(1, host.Emulator.Stats.TotalRequests);
        Assert.Equal(1, result.PagesFetched);
    }

    [Fact]
    public async Task GenerateAsync_FilterWithFewerMatchesThanTop_SpendsOnlyThePagesTheMatchesFill()
    {
        await using var host = await ReportTestHost.StartAsync();
        var request = ReportTestHost.Request(top: 500) with { Language = "Rust" };
        var matches = host.Emulator.ExpectedRanking(ReportTestHost.QueryFor(request), 1000).Count;

        var result = await host.Generator.GenerateAsync(request, null, Ct);

        Assert.InRange(matches, 101, 399);
        Assert.Equal(matches, result.Repositories);
        Assert.Equal((matches + 99) / 100, host.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task GenerateAsync_NoFilter_AsksForEveryPageBeforeAnyAnswer()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ReportTestHost.StartAsync(o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        try
        {
            var report = host.Generator.GenerateAsync(ReportTestHost.Request(top: 500), null, Ct);

            // All five pages reach GitHub while none has been answered: no round trip is spent learning total_count.
            await Polling.WaitUntilAsync(() => host.Emulator.InFlight == 5, TimeSpan.FromSeconds(20), Ct, "five pages in flight at once");
            gate.SetResult();
            var result = await report;

            Assert.Equal(500, result.Repositories);
            Assert.Equal(5, host.Emulator.Stats.TotalRequests);
        }
        finally
        {
            gate.TrySetResult();
        }
    }
}
