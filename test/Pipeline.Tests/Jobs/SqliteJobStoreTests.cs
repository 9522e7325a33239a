using HotRepos.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests.Jobs;

/// <summary>The store contract on a real SQLite file, plus what only a file can do: restarts, WAL, several connections and processes.</summary>
public sealed class SqliteJobStoreTests : JobStoreContractTests
{
    // A fresh folder per test: xunit creates one instance per test, and test classes run in parallel.
    private readonly string _directory = Directory.CreateTempSubdirectory("hotrepos-sqlite-").FullName;

    [Fact]
    public async Task GetAsync_NewStoreOnTheSameFolder_ReturnsWhatTheFirstStoreWrote()
    {
        var first = CreateSqliteStore();
        var job = TestJobs.FullJob();
        var queued = TestJobs.Job(state: JobState.Queued, createdAt: TestJobs.T0.AddHours(1));
        await first.AddAsync(job, Ct);
        await first.AddAsync(queued, Ct);
        await first.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct);
        SqliteConnection.ClearAllPools();

        var restarted = CreateSqliteStore();

        var stored = await restarted.GetAsync(job.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(job.Request, stored.Request);
        Assert.Equal(job.CreatedAt, stored.CreatedAt);
        Assert.Equal(job.Result!.Warnings, stored.Result!.Warnings);
        Assert.Equal([queued.Id, job.Id], (await restarted.ListAsync(null, 10, Ct)).Select(j => j.Id));
        Assert.Equal(TestJobs.T0, await restarted.GetLastScheduleRunAsync("nightly", Ct));
        Assert.False(await restarted.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct));
    }

    [Fact]
    public async Task AddAsync_FirstUse_CreatesTheDatabaseInWalModeAtSchemaVersion1()
    {
        var sut = CreateSqliteStore();

        await sut.AddAsync(TestJobs.Job(), Ct);

        Assert.Equal(Path.Combine(_directory, SqliteJobStore.FileName), sut.DatabasePath);
        Assert.True(File.Exists(sut.DatabasePath));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sut.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode", Ct));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA user_version", Ct));
    }

    [Fact]
    public async Task AddAsync_MissingDataDirectory_CreatesIt()
    {
        var nested = Path.Combine(_directory, "a", "b");
        var sut = new SqliteJobStore(Options.Create(new JobsOptions { DataDirectory = nested }));

        await sut.AddAsync(TestJobs.Job(), Ct);

        Assert.True(File.Exists(Path.Combine(nested, SqliteJobStore.FileName)));
    }

    [Fact]
    public async Task TryUpdateAsync_ManyTasksRaceOnOneJob_ExactlyOneWins()
    {
        const int contenders = 16;
        var sut = CreateSqliteStore();
        var job = TestJobs.Job(state: JobState.Queued);
        await sut.AddAsync(job, Ct);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var races = Enumerable.Range(0, contenders).Select(i => Task.Run(
            async () =>
            {
                await start.Task;
                return await sut.TryUpdateAsync(job with { State = JobState.Running, Origin = $"worker-{i}", Attempt = 1 }, JobState.Queued, Ct);
            },
            Ct)).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(races);

        var winner = Assert.Single(Enumerable.Range(0, contenders), i => outcomes[i]);
        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.Equal(JobState.Running, stored?.State);
        Assert.Equal($"worker-{winner}", stored?.Origin);
    }

    [Fact]
    public async Task GetAndListAsync_WhileWritersUpdateProgressAndTransitionJobs_NeverFailAndFinalStatesAreAsExpected()
    {
        const int steps = 25;
        var sut = CreateSqliteStore();
        var running = Enumerable.Range(0, 3).Select(i => TestJobs.Job(state: JobState.Running, createdAt: TestJobs.T0.AddMinutes(i))).ToList();
        var queued = Enumerable.Range(0, 6).Select(i => TestJobs.Job(state: JobState.Queued, createdAt: TestJobs.T0.AddMinutes(10 + i))).ToList();
        foreach (var job in running.Concat(queued))
        {
            await sut.AddAsync(job, Ct);
        }

        var writersDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(
            async () =>
            {
                while (!writersDone.Task.IsCompleted)
                {
                    var all = await sut.ListAsync(null, 100, Ct);
                    Assert.Equal(running.Count + queued.Count, all.Count);
                    var one = await sut.GetAsync(running[r].Id, Ct);
                    Assert.Equal(JobState.Running, one?.State);
                    Interlocked.Increment(ref reads);
                }
            },
            Ct)).ToList();
        var progressWriters = running.Select(job => Task.Run(
            async () =>
            {
                for (var done = 1; done <= steps; done++)
                {
                    await sut.UpdateProgressAsync(job.Id, new JobProgress(done, steps), Ct);
                }
            },
            Ct));
        var transitions = queued.Select((job, i) => Task.Run(
            async () =>
            {
                var started = job with { State = JobState.Running, Attempt = 1, StartedAt = TestJobs.T0 };
                Assert.True(await sut.TryUpdateAsync(started, JobState.Queued, Ct));
                await sut.UpdateProgressAsync(job.Id, new JobProgress(1, 1), Ct);
                var final = i % 2 == 0 ? JobState.Succeeded : JobState.Failed;
                Assert.True(await sut.TryUpdateAsync(started with { State = final, Progress = new JobProgress(1, 1) }, JobState.Running, Ct));
            },
            Ct));

        try
        {
            await Task.WhenAll(progressWriters.Concat(transitions));
        }
        finally
        {
            writersDone.SetResult();
        }

        await Task.WhenAll(readers);
        Assert.True(reads > 0, "the readers should have read while the writers wrote");
        foreach (var job in running)
        {
            var stored = await sut.GetAsync(job.Id, Ct);
            Assert.Equal(new JobProgress(steps, steps), stored?.Progress);
            Assert.Equal(JobState.Running, stored?.State);
        }

        for (var i = 0; i < queued.Count; i++)
        {
            var stored = await sut.GetAsync(queued[i].Id, Ct);
            Assert.Equal(i % 2 == 0 ? JobState.Succeeded : JobState.Failed, stored?.State);
            Assert.Equal(new JobProgress(1, 1), stored?.Progress);
        }
    }

    [Fact]
    public async Task TryRecordScheduleRunAsync_TwoStoresOnOneFileRaceForTheSameDue_ExactlyOneWins()
    {
        var first = CreateSqliteStore();
        var second = CreateSqliteStore();

        for (var round = 0; round < 10; round++)
        {
            var due = TestJobs.T0.AddDays(round);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = Task.Run(async () => { await start.Task; return await first.TryRecordScheduleRunAsync("nightly", due, Ct); }, Ct);
            var b = Task.Run(async () => { await start.Task; return await second.TryRecordScheduleRunAsync("nightly", due, Ct); }, Ct);
            start.SetResult();

            var outcomes = await Task.WhenAll(a, b);

            Assert.Single(outcomes, won => won);
            Assert.Equal(due, await first.GetLastScheduleRunAsync("nightly", Ct));
        }
    }

    protected override IJobStore CreateSut() => CreateSqliteStore();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Pooled connections keep the files open until cleared.
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private SqliteJobStore CreateSqliteStore() => new(Options.Create(new JobsOptions { DataDirectory = _directory }));
}
