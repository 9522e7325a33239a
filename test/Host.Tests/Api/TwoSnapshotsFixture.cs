using System.Text.Json.Nodes;
using HotRepos.Sample;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.App.Tests.Api;

/// <summary>
/// The service on a fake clock with two succeeded reports of the same request a day apart; between them the emulator
/// moved the stars of five repositories and renamed one. Shared by tests that only read.
/// </summary>
public sealed class TwoSnapshotsFixture : IAsyncLifetime
{
    public const int Top = 150;

    public static readonly DateTimeOffset FirstObserved = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(FirstObserved);

    internal HotReposApplication App { get; private set; } = null!;

    public string FirstJob { get; private set; } = "";

    public JsonObject SecondJob { get; private set; } = null!;

    /// <summary>The repositories whose stars moved, by id: the gain (50, 40, 30, 20, 10).</summary>
    public IReadOnlyDictionary<long, int> Gains { get; private set; } = new Dictionary<long, int>();

    /// <summary>The repository renamed between the runs.</summary>
    internal SampleRepository Renamed { get; private set; } = null!;

    public const string NewName = "renamed-between-runs";

    public async Task InitializeAsync()
    {
        App = await HotReposApplication.StartAsync(timeProvider: _time);
        using var client = App.CreateClient();
        var body = new { period = "week", top = Top, date = ApiClient.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), layout = "ranked" };
        FirstJob = (await (await client.PostReportAsync(body)).ReadJsonAsync()).Id();
        await client.WaitForStateAsync(FirstJob, "Succeeded");

        var ranking = App.Emulator.ExpectedRanking("created:>=2026-11-13", Top);
        var movers = new[] { ranking[120], ranking[3], ranking[60], ranking[0], ranking[99] }
            .Select(name => App.Emulator.Catalog.Single(r => r.FullName == name))
            .ToList();
        Gains = movers.Select((r, i) => (r.Id, Gain: (5 - i) * 10)).ToDictionary(p => p.Id, p => p.Gain);
        Renamed = movers[1];
        App.Emulator.UpdateCatalog(catalog => [.. catalog.Select(r => Gains.TryGetValue(r.Id, out var gain)
            ? r with { Stargazers = r.Stargazers + gain, Name = r.Id == Renamed.Id ? NewName : r.Name }
            : r)]);

        _time.Advance(TimeSpan.FromDays(1));
        var second = (await (await client.PostReportAsync(new { body.period, body.top, body.date, body.layout, force = true })).ReadJsonAsync()).Id();
        SecondJob = await client.WaitForStateAsync(second, "Succeeded");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
