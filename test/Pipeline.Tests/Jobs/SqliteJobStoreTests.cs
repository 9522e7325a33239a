using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Requests;
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
    public async Task AddAsync_FirstUse_CreatesTheDatabaseInWalModeAtTheCurrentSchemaVersion()
    {
        var sut = CreateSqliteStore();

        await sut.AddAsync(TestJobs.Job(), Ct);

        Assert.Equal(Path.Combine(_directory, SqliteJobStore.FileName), sut.DatabasePath);
        Assert.True(File.Exists(sut.DatabasePath));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sut.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode", Ct));
        Assert.Equal((long)SqliteJobStore.SchemaVersion, await ScalarAsync(connection, "PRAGMA user_version", Ct));
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

    [Fact]
    public async Task GetAsync_DatabaseOfSchemaVersion1_UpgradesInPlaceAndPlansEachJobFromItsStoredRequest()
    {
        // The schema and a row exactly as the release before version 2 wrote them.
        var path = Path.Combine(_directory, SqliteJobStore.FileName);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(Ct);
            await ScalarAsync(
                connection,
                """
                PRAGMA journal_mode = WAL;
                CREATE TABLE jobs (id TEXT PRIMARY KEY, request_key TEXT NOT NULL, origin TEXT NOT NULL, state TEXT NOT NULL,
                    attempt INTEGER NOT NULL, progress_done INTEGER NOT NULL, progress_total INTEGER NOT NULL, created_at TEXT NOT NULL,
                    started_at TEXT, finished_at TEXT, request_json TEXT NOT NULL, result_json TEXT, error TEXT);
                CREATE INDEX jobs_by_created ON jobs (created_at DESC);
                CREATE INDEX jobs_by_key ON jobs (request_key, state);
                CREATE TABLE schedule_runs (name TEXT PRIMARY KEY, due TEXT NOT NULL);
                INSERT INTO jobs VALUES ('0123456789abcdef0123456789abcdef', 'github-hot-repos-day-2026-11-19-ranked-top40-lang-rust.csv',
                    'api', 'Queued', 0, 0, 0, '2026-11-20T10:00:00.0000000Z', NULL, NULL,
                    '{"period":"Day","referenceDate":"2026-11-20","top":40,"groupBy":"Language","layout":"Ranked","language":"rust"}', NULL, NULL);
                INSERT INTO schedule_runs VALUES ('nightly', '2026-11-20T00:00:00.0000000Z');
                PRAGMA user_version = 1;
                """,
                Ct);
        }

        var sut = CreateSqliteStore();
        var job = await sut.GetAsync("0123456789abcdef0123456789abcdef", Ct);

        Assert.NotNull(job);
        var request = new ReportRequest { Period = Period.Day, ReferenceDate = TestJobs.Today, Top = 40, Layout = CsvLayout.Ranked, Language = "rust" };
        Assert.Equal(ReportPlan.Create(request, TestJobs.Today), job.Plan);
        Assert.Equal("github-hot-repos-day-2026-11-19-ranked-top40-lang-rust.csv", job.RequestKey);
        Assert.Equal("created:2026-11-19..2026-11-20 language:rust", job.Plan.Query);
        // No job of the schedule was queued at or after its recorded due time: that was a baseline, not a run.
        Assert.Null(await sut.GetLastScheduleRunAsync("nightly", Ct));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), await sut.GetScheduleBaselineAsync("nightly", Ct));
        Assert.Equal(job.Id, (await sut.FindAsync(job.RequestKey, [JobState.Queued], Ct))?.Id);
        await using var upgraded = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await upgraded.OpenAsync(Ct);
        Assert.Equal((long)SqliteJobStore.SchemaVersion, await ScalarAsync(upgraded, "PRAGMA user_version", Ct));
    }

    [Fact]
    public async Task GetLastScheduleRunAsync_DatabaseOfSchemaVersion2_KeepsRealRunsAndTurnsBaselinesIntoBaselines()
    {
        // Version 2 recorded a schedule's first-sight baseline as a run; only a run has a job of its schedule after it.
        var path = Path.Combine(_directory, SqliteJobStore.FileName);
        await CreateSqliteStore().ListAsync(null, 1, Ct);
        SqliteConnection.ClearAllPools();
        var scheduled = TestJobs.Job(createdAt: new DateTimeOffset(2026, 11, 21, 0, 0, 5, TimeSpan.Zero)) with { Origin = "schedule:weekly" };
        await CreateSqliteStore().AddAsync(scheduled, Ct);
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(Ct);
            await ScalarAsync(
                connection,
                """
                DROP TABLE schedule_baselines;
                INSERT INTO schedule_runs VALUES ('nightly', '2026-11-20T00:00:00.0000000Z');
                INSERT INTO schedule_runs VALUES ('weekly', '2026-11-21T00:00:00.0000000Z');
                PRAGMA user_version = 2;
                """,
                Ct);
        }

        var sut = CreateSqliteStore();

        Assert.Null(await sut.GetLastScheduleRunAsync("nightly", Ct));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), await sut.GetScheduleBaselineAsync("nightly", Ct));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), await sut.GetLastScheduleRunAsync("weekly", Ct));
        Assert.Null(await sut.GetScheduleBaselineAsync("weekly", Ct));
    }

    [Fact]
    public async Task GetAsync_DatabaseOfSchemaVersion3MadeByTheLastRelease_UpgradesInPlaceLosingNoJobAndStoresSnapshots()
    {
        // Written by `hotrepos serve` of commit a65934d (schema 3) after two reports over the offline sample succeeded.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Jobs", "Fixtures", "hotrepos-v3.db"), Path.Combine(_directory, SqliteJobStore.FileName));
        var sut = CreateSqliteStore();

        var jobs = await sut.ListAsync(null, 10, Ct);

        Assert.Equal(["3be7a3c1a09f42a8a79973d294c5cbae", "d594caada174c5a69a61edb35abe3144"], jobs.Select(j => j.Id));
        Assert.All(jobs, j => Assert.Equal(JobState.Succeeded, j.State));
        var week = jobs[1];
        Assert.Equal("github-hot-repos-week-2026-11-22-ranked-top50.csv", week.RequestKey);
        Assert.Equal(50, week.Result?.Repositories);
        Assert.Equal(CsvLayout.Ranked, week.Request.Layout);
        Assert.Equal(32, jobs[0].Result?.Groups);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), await sut.GetScheduleBaselineAsync("nightly", Ct));

        // Jobs of before have no snapshot; a job finishing now stores one beside them.
        Assert.Null(await sut.GetSnapshotAsync(week.Id, Ct));
        var running = TestJobs.Job(state: JobState.Running);
        await sut.AddAsync(running, Ct);
        var snapshot = new ReportSnapshot(TestJobs.T0, [new SnapshotRepository(1, 1, "a/b", "https://github.com/a/b", null, 5, 0, 0, null, [], TestJobs.T0)]);
        Assert.True(await sut.TryCompleteAsync(new JobCompletion(running with { State = JobState.Succeeded }, JobState.Running) { Snapshot = snapshot }, Ct));
        Assert.Equal([1L], (await sut.GetSnapshotAsync(running.Id, Ct))?.Repositories.Select(r => r.Id));
        Assert.Equal(3, (await sut.ListAsync(null, 10, Ct)).Count);
        await using var upgraded = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sut.DatabasePath, Pooling = false }.ToString());
        await upgraded.OpenAsync(Ct);
        Assert.Equal((long)SqliteJobStore.SchemaVersion, await ScalarAsync(upgraded, "PRAGMA user_version", Ct));
    }

    [Fact]
    public async Task TryCompleteAsync_SnapshotOf10000Repositories_KeepsTheRowsOutOfTheStoredResult()
    {
        var sut = CreateSqliteStore();
        var running = TestJobs.Job(state: JobState.Running);
        await sut.AddAsync(running, Ct);
        var rows = Enumerable.Range(1, 10_000)
            .Select(i => new SnapshotRepository(i, i, $"owner/repo{i}", $"https://github.com/owner/repo{i}", "a description", 10_000 - i, 1, 2, "Go", ["cli"], TestJobs.T0))
            .ToList();
        var result = TestJobs.FullJob().Result! with { Snapshot = new ReportSnapshot(TestJobs.T0, rows) };

        var completion = new JobCompletion(running with { State = JobState.Succeeded, Result = result }, JobState.Running) { Snapshot = result.Snapshot };
        Assert.True(await sut.TryCompleteAsync(completion, Ct));

        Assert.Equal(10_000, (await sut.GetSnapshotAsync(running.Id, Ct))?.Repositories.Count);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sut.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        var json = (string)(await ScalarAsync(connection, $"SELECT result_json FROM jobs WHERE id = '{running.Id}'", Ct))!;
        Assert.DoesNotContain("owner/repo", json, StringComparison.Ordinal);
        Assert.True(json.Length < 2_000, $"result_json is {json.Length} characters");
    }

    [Fact]
    public async Task TryCompleteAsync_DatabaseOfSchemaVersion3_UpgradesInPlaceKeepingJobsAndStoresDeliveries()
    {
        // The schema and a row exactly as version 3 (before notifications) wrote them.
        var path = Path.Combine(_directory, SqliteJobStore.FileName);
        var running = TestJobs.Job(state: JobState.Running);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText =
                """
                PRAGMA journal_mode = WAL;
                CREATE TABLE jobs (id TEXT PRIMARY KEY, request_key TEXT NOT NULL, origin TEXT NOT NULL, state TEXT NOT NULL,
                    attempt INTEGER NOT NULL, progress_done INTEGER NOT NULL, progress_total INTEGER NOT NULL, created_at TEXT NOT NULL,
                    started_at TEXT, finished_at TEXT, request_json TEXT NOT NULL, result_json TEXT, error TEXT, plan_json TEXT);
                CREATE INDEX jobs_by_created ON jobs (created_at DESC);
                CREATE INDEX jobs_by_key ON jobs (request_key, state);
                CREATE TABLE schedule_runs (name TEXT PRIMARY KEY, due TEXT NOT NULL);
                CREATE TABLE schedule_baselines (name TEXT PRIMARY KEY, due TEXT NOT NULL);
                INSERT INTO jobs VALUES ($id, $key, 'api', 'Running', 1, 0, 0, '2026-11-20T10:00:00.0000000Z', NULL, NULL, $request, NULL, NULL, $plan);
                PRAGMA user_version = 3;
                """;
            command.Parameters.AddWithValue("$id", running.Id);
            command.Parameters.AddWithValue("$key", running.RequestKey);
            command.Parameters.AddWithValue("$request", System.Text.Json.JsonSerializer.Serialize(running.Request, JobsJsonContext.Default.ReportRequest));
            command.Parameters.AddWithValue("$plan", System.Text.Json.JsonSerializer.Serialize(running.Plan, JobsJsonContext.Default.ReportPlan));
            await command.ExecuteNonQueryAsync(Ct);
        }

        var sut = CreateSqliteStore();
        var delivery = new JobDelivery { Id = TestJobs.NewId(), JobId = running.Id, Channel = "email", Event = "report.succeeded", CreatedAt = TestJobs.T0, NextAttemptAt = TestJobs.T0 };
        var applied = await sut.TryCompleteAsync(new JobCompletion(running with { State = JobState.Succeeded }, JobState.Running) { Deliveries = [delivery] }, Ct);

        Assert.True(applied);
        Assert.Equal(running.Plan, (await sut.GetAsync(running.Id, Ct))?.Plan);
        Assert.Equal(delivery.Id, Assert.Single(await sut.ListDueDeliveriesAsync(TestJobs.T0, 10, Ct)).Id);
        await using var upgraded = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await upgraded.OpenAsync(Ct);
        Assert.Equal((long)SqliteJobStore.SchemaVersion, await ScalarAsync(upgraded, "PRAGMA user_version", Ct));
    }

    [Fact]
    public async Task CheckWritableAsync_DatabaseFileDeleted_ThrowsNamingTheFile()
    {
        var sut = CreateSqliteStore();
        await sut.CheckWritableAsync(Ct);

        File.Delete(Path.Combine(_directory, SqliteJobStore.FileName));
        var error = await Assert.ThrowsAsync<IOException>(() => sut.CheckWritableAsync(Ct));

        Assert.Contains(Path.Combine(_directory, SqliteJobStore.FileName), error.Message, StringComparison.Ordinal);
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
