using HotRepos.Jobs;
using HotRepos.Tests.TestSupport;
using Npgsql;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// The store contract on a real PostgreSQL server, plus what only a shared store does: one migration for instances
/// starting together, leases, one new job per report, and the CSV readable by every instance. Two stores on one
/// database stand for two instances.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresJobStoreTests(PostgresServer server) : JobStoreContractTests, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new(server);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [PostgresFact]
    public async Task CheckWritableAsync_FourInstancesStartingTogether_MigrateOnceToTheLatestVersion()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => CreateStore()).ToList();

        await Task.WhenAll(instances.Select(s => s.CheckWritableAsync(Ct)));

        Assert.Equal([PostgresMigrations.LatestVersion], await ReadVersionsAsync());
        await instances[0].AddAsync(TestJobs.Job(), Ct);
        Assert.Single(await instances[3].ListAsync(null, 10, Ct));
    }

    [PostgresFact]
    public async Task AddAsync_SecondNewJobOfTheSameReport_ThrowsAndKeepsTheFirst()
    {
        var first = CreateStore();
        var second = CreateStore();
        var job = TestJobs.Job(key: "k");
        await first.AddAsync(job, Ct);

        await Assert.ThrowsAsync<PostgresException>(() => second.AddAsync(TestJobs.Job(key: "k"), Ct));

        Assert.Equal([job.Id], (await second.ListAsync(null, 10, Ct)).Select(j => j.Id));
    }

    [PostgresFact]
    public async Task AddAsync_NewJobBesideARequeuedOneOfTheSameReport_IsAdded()
    {
        var sut = CreateStore();
        await sut.AddAsync(TestJobs.Job(key: "k") with { Attempt = 1 }, Ct);

        await sut.AddAsync(TestJobs.Job(key: "k"), Ct);

        Assert.Equal(2, (await sut.ListAsync(JobState.Queued, 10, Ct)).Count);
    }

    [PostgresFact]
    public async Task TryUpdateAsync_TwoInstancesTakingTheSameQueuedJobs_EachJobIsTakenOnce()
    {
        var first = CreateStore();
        var second = CreateStore();
        var jobs = Enumerable.Range(0, 20).Select(i => TestJobs.Job(key: $"k{i}")).ToList();
        foreach (var job in jobs)
        {
            await first.AddAsync(job, Ct);
        }

        var taken = await Task.WhenAll(jobs.SelectMany(job => new[] { first, second }.Select(store =>
            store.TryUpdateAsync(job with { State = JobState.Running, Attempt = 1 }, JobState.Queued, Ct))));

        Assert.Equal(jobs.Count, taken.Count(t => t));
    }

    [PostgresFact]
    public async Task TryCompleteAsync_ByAnInstanceWithoutTheLease_ReturnsFalseAndTheHolderStoresTheEnd()
    {
        var holder = CreateStore();
        var other = CreateStore();
        var job = TestJobs.Job();
        await holder.AddAsync(job, Ct);
        var running = job with { State = JobState.Running, Attempt = 1 };
        Assert.True(await holder.TryUpdateAsync(running, JobState.Queued, Ct));

        Assert.False(await other.TryCompleteAsync(new JobCompletion(running with { State = JobState.Succeeded }, JobState.Running), Ct));
        Assert.False(await other.TryUpdateAsync(running with { State = JobState.Queued }, JobState.Running, Ct));
        Assert.False(await other.TryRenewLeaseAsync(job.Id, Ct));
        Assert.True(await holder.TryRenewLeaseAsync(job.Id, Ct));
        Assert.True(await holder.TryCompleteAsync(new JobCompletion(running with { State = JobState.Succeeded }, JobState.Running), Ct));
        Assert.Equal(JobState.Succeeded, (await other.GetAsync(job.Id, Ct))?.State);
    }

    [PostgresFact]
    public async Task TryCompleteAsync_CancelFromAnotherInstance_EndsTheJobAndTheHolderLosesItsLease()
    {
        var holder = CreateStore();
        var other = CreateStore();
        var job = TestJobs.Job();
        await holder.AddAsync(job, Ct);
        var running = job with { State = JobState.Running, Attempt = 1 };
        await holder.TryUpdateAsync(running, JobState.Queued, Ct);

        Assert.True(await other.TryCompleteAsync(new JobCompletion(running with { State = JobState.Cancelled }, JobState.Running), Ct));

        Assert.False(await holder.TryRenewLeaseAsync(job.Id, Ct));
        Assert.False(await holder.TryCompleteAsync(new JobCompletion(running with { State = JobState.Succeeded }, JobState.Running), Ct));
    }

    [PostgresFact]
    public async Task RequeueExpiredAsync_LeaseNotRenewed_QueuesTheJobAgainAndTheOldHolderCannotEndIt()
    {
        var dead = CreateStore(TimeSpan.FromSeconds(1));
        var alive = CreateStore(TimeSpan.FromSeconds(1));
        var job = TestJobs.Job();
        await dead.AddAsync(job, Ct);
        var running = job with { State = JobState.Running, Attempt = 1 };
        await dead.TryUpdateAsync(running, JobState.Queued, Ct);

        await Polling.WaitUntilAsync(async () => await alive.RequeueExpiredAsync(Ct) == 1, TimeSpan.FromSeconds(20), Ct, "the lease to expire");

        var requeued = await alive.GetAsync(job.Id, Ct);
        Assert.Equal(JobState.Queued, requeued?.State);
        Assert.Equal(1, requeued?.Attempt);
        Assert.False(await dead.TryRenewLeaseAsync(job.Id, Ct));
        Assert.False(await dead.TryCompleteAsync(new JobCompletion(running with { State = JobState.Succeeded }, JobState.Running), Ct));
        Assert.True(await alive.TryUpdateAsync(requeued! with { State = JobState.Running, Attempt = 2 }, JobState.Queued, Ct));
    }

    [PostgresFact]
    public async Task RequeueExpiredAsync_LeaseRenewed_LeavesTheJobRunning()
    {
        var holder = CreateStore(TimeSpan.FromMinutes(10));
        var other = CreateStore(TimeSpan.FromMinutes(10));
        var job = TestJobs.Job();
        await holder.AddAsync(job, Ct);
        await holder.TryUpdateAsync(job with { State = JobState.Running, Attempt = 1 }, JobState.Queued, Ct);

        Assert.Equal(0, await other.RequeueExpiredAsync(Ct));
        Assert.Equal(JobState.Running, (await other.GetAsync(job.Id, Ct))?.State);
    }

    [PostgresFact]
    public async Task TryRecordScheduleRunAsync_InstancesRacingForTheSameDueTime_OnlyOneWins()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => CreateStore()).ToList();
        await instances[0].CheckWritableAsync(Ct);

        var won = await Task.WhenAll(instances.Select(s => s.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct)));

        Assert.Single(won, w => w);
    }

    [PostgresFact]
    public async Task WaitForQueuedAsync_JobAddedByAnotherInstance_IsWokenUp()
    {
        var idle = CreateStore();
        var enqueuer = CreateStore();
        await idle.WaitForQueuedAsync(TimeSpan.FromMilliseconds(1), Ct); // starts listening

        var woken = idle.WaitForQueuedAsync(TimeSpan.FromMinutes(1), Ct);
        await enqueuer.AddAsync(TestJobs.Job(), Ct);

        Assert.True(await woken);
    }

    [PostgresFact]
    public async Task LockReportAsync_SameReportLockedByAnotherInstance_WaitsUntilItIsReleased()
    {
        var first = CreateStore();
        var second = CreateStore();
        var held = await first.LockReportAsync("k", Ct);

        var waiting = second.LockReportAsync("k", Ct);
        await using (await second.LockReportAsync("other", Ct))
        {
            // Another report's lock came and went while this one still waits.
        }

        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var taken = await waiting;
    }

    [PostgresFact]
    public async Task GetReportFileAsync_SucceededOnAnotherInstance_ReturnsItsCsv()
    {
        var runner = CreateStore();
        var other = CreateStore();
        var csv = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(csv, "rank,name\n1,a/b\n", Ct);
            var job = TestJobs.Job();
            await runner.AddAsync(job, Ct);
            var running = job with { State = JobState.Running, Attempt = 1 };
            await runner.TryUpdateAsync(running, JobState.Queued, Ct);
            var result = TestJobs.FullJob().Result! with { FilePath = csv };

            await runner.TryCompleteAsync(new JobCompletion(running with { State = JobState.Succeeded, Result = result }, JobState.Running), Ct);

            Assert.Equal(await File.ReadAllBytesAsync(csv, Ct), await other.GetReportFileAsync(job.Id, Ct));
            Assert.True(await other.HasReportFileAsync(job.Id, Ct));
            Assert.Null(await other.GetReportFileAsync(TestJobs.NewId(), Ct));
            Assert.False(await other.HasReportFileAsync(TestJobs.NewId(), Ct));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    protected override IJobStore CreateSut()
    {
        Skip.If(PostgresServer.MissingReason is not null, PostgresServer.MissingReason);
        return CreateStore();
    }

    private PostgresJobStore CreateStore(TimeSpan? lease = null) => _database.CreateStore(lease);

    private async Task<List<int>> ReadVersionsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT version FROM hotrepos_schema", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var versions = new List<int>();
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
