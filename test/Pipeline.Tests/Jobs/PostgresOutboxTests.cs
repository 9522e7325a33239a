using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Tests.TestSupport;
using Npgsql;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// What the snapshots and the notification outbox must do on a store several instances share (two stores on one
/// database stand for two instances): they go with the lease holder's end, every instance reads them, every attempt
/// of a delivery is claimed once, and a database of the schema before them migrates keeping its jobs.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresOutboxTests(PostgresServer server) : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly PostgresDatabase _database = new(server);

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    [PostgresFact]
    public async Task TryCompleteAsync_ByAnInstanceWithoutTheLease_StoresNeitherSnapshotNorDeliveries()
    {
        var holder = CreateStore();
        var other = CreateStore();
        var running = await StartAsync(holder);

        var applied = await other.TryCompleteAsync(Completion(running), Ct);

        Assert.False(applied);
        Assert.Null(await holder.GetSnapshotAsync(running.Id, Ct));
        Assert.Empty(await holder.GetLatestBeforeAsync([1, 2], TestJobs.T0.AddDays(1), Ct));
        Assert.Empty(await holder.ListDeliveriesAsync([running.Id], Ct));
        Assert.Equal(JobState.Running, (await holder.GetAsync(running.Id, Ct))?.State);
    }

    [PostgresFact]
    public async Task TryCompleteAsync_ByTheLeaseHolder_SnapshotAndDeliveriesAreReadByAnotherInstance()
    {
        var holder = CreateStore();
        var other = CreateStore();
        var running = await StartAsync(holder);
        var completion = Completion(running);

        Assert.True(await holder.TryCompleteAsync(completion, Ct));

        var snapshot = await other.GetSnapshotAsync(running.Id, Ct);
        Assert.Equal([1L, 2L], snapshot?.Repositories.Select(r => r.Id));
        Assert.Equal(["owner1/repo1", "owner2/repo2"], (await other.GetLatestAsync(TestJobs.T0.AddDays(-30), Ct)).Select(r => r.FullName).Order());
        Assert.Equal(completion.Deliveries.Select(d => d.Id).Order(), (await other.ListDeliveriesAsync([running.Id], Ct)).Select(d => d.Id).Order());
        Assert.Equal(2, (await other.ListDueDeliveriesAsync(TestJobs.T0, 10, Ct)).Count);
    }

    [PostgresFact]
    public async Task TryUpdateDeliveryAsync_TwoInstancesClaimingEveryAttempt_EachAttemptIsClaimedOnce()
    {
        var first = CreateStore();
        var second = CreateStore();
        var deliveries = new List<JobDelivery>();
        for (var i = 0; i < 10; i++)
        {
            var completion = Completion(await StartAsync(first, key: $"k{i}"));
            Assert.True(await first.TryCompleteAsync(completion, Ct));
            deliveries.AddRange(completion.Deliveries);
        }

        // Each instance claims every due delivery's first attempt, as a dispatcher does, all at once.
        var claims = await Task.WhenAll(deliveries.SelectMany(d => new[] { first, second }.Select(store =>
            store.TryUpdateDeliveryAsync(d with { Attempts = 1, NextAttemptAt = TestJobs.T0.AddMinutes(1) }, expectedAttempts: 0, Ct))));

        Assert.Equal(deliveries.Count, claims.Count(c => c));
        Assert.All(await first.ListDeliveriesAsync(deliveries.Select(d => d.JobId).Distinct().ToList(), Ct), d => Assert.Equal(1, d.Attempts));
    }

    [PostgresFact]
    public async Task GetSnapshotAsync_TenThousandRepositories_AllStoredWithTheEndInRankOrder()
    {
        var sut = CreateStore();
        var running = await StartAsync(sut);
        var repositories = Enumerable.Range(1, 10_000).Select(i => Repository(i, rank: i)).ToList();

        Assert.True(await sut.TryCompleteAsync(Completion(running) with { Snapshot = new ReportSnapshot(TestJobs.T0, repositories) }, Ct));

        var stored = await sut.GetSnapshotAsync(running.Id, Ct);
        Assert.Equal(repositories.Select(r => r.Id), stored?.Repositories.Select(r => r.Id));
    }

    [PostgresFact]
    public async Task CheckWritableAsync_DatabaseOfSchemaVersion2_MigratesToTheLatestKeepingItsJobs()
    {
        // A database as the store before snapshots and deliveries left it: steps 1 and 2 only.
        var job = TestJobs.Job();
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            var sql = string.Join(";\n", PostgresMigrations.Steps.Take(2))
                + "; CREATE TABLE hotrepos_schema (version integer NOT NULL); INSERT INTO hotrepos_schema VALUES (2);";
            await using var create = new NpgsqlCommand(sql, connection);
            await create.ExecuteNonQueryAsync(Ct);
        }

        var old = CreateStore();
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var version = new NpgsqlCommand("SELECT version FROM hotrepos_schema", connection);
            Assert.Equal(2, await version.ExecuteScalarAsync(Ct));
        }

        await old.CheckWritableAsync(Ct);
        await old.AddAsync(job, Ct);
        var running = job with { State = JobState.Running, Attempt = 1 };
        Assert.True(await old.TryUpdateAsync(running, JobState.Queued, Ct));
        Assert.True(await old.TryCompleteAsync(Completion(running), Ct));

        Assert.NotNull(await old.GetSnapshotAsync(job.Id, Ct));
        Assert.Equal(2, (await old.ListDeliveriesAsync([job.Id], Ct)).Count);
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var version = new NpgsqlCommand("SELECT version FROM hotrepos_schema", connection);
            Assert.Equal(PostgresMigrations.LatestVersion, await version.ExecuteScalarAsync(Ct));
        }
    }

    private static JobCompletion Completion(JobRecord running) =>
        new(running with { State = JobState.Succeeded, FinishedAt = TestJobs.T0 }, JobState.Running)
        {
            Snapshot = new ReportSnapshot(TestJobs.T0, [Repository(1, rank: 1), Repository(2, rank: 2)]),
            Deliveries = [Delivery(running.Id, "webhook:ops"), Delivery(running.Id, "email")],
        };

    private static SnapshotRepository Repository(long id, int rank) =>
        new(id, rank, $"owner{id}/repo{id}", $"https://github.com/owner{id}/repo{id}", null, 100, 1, 2, "Go", ["cli"], TestJobs.T0.AddDays(-2));

    private static JobDelivery Delivery(string jobId, string channel) => new()
    {
        Id = TestJobs.NewId(),
        JobId = jobId,
        Channel = channel,
        Event = "report.succeeded",
        CreatedAt = TestJobs.T0,
        NextAttemptAt = TestJobs.T0,
    };

    /// <summary>Adds a job and takes it on <paramref name="store"/>, which then holds its lease.</summary>
    private async Task<JobRecord> StartAsync(PostgresJobStore store, string key = "k")
    {
        var job = TestJobs.Job(key: key);
        await store.AddAsync(job, Ct);
        var running = job with { State = JobState.Running, Attempt = 1 };
        Assert.True(await store.TryUpdateAsync(running, JobState.Queued, Ct));
        return running;
    }

    private PostgresJobStore CreateStore() => _database.CreateStore();
}
