using System.Globalization;
using System.Text.Json;
using HotRepos.Ranking;
using HotRepos.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HotRepos.Jobs;

/// <summary>
/// Keeps jobs, and the snapshots of succeeded reports (<see cref="SqliteSnapshots"/>), in a SQLite file
/// (<c>hotrepos.db</c> in <see cref="JobsOptions.DataDirectory"/>), in WAL mode so readers never block the worker. The
/// schema is created or migrated on first use (<c>PRAGMA user_version</c>).
/// </summary>
internal sealed class SqliteJobStore : IJobStore, IRepositorySnapshots
{
    public const string FileName = "hotrepos.db";
    internal const int SchemaVersion = 5;
    private const int ReadOnlyError = 8; // SQLITE_READONLY
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DeliveryColumns =
        "id, job_id, channel, event, state, attempts, created_at, next_attempt_at, finished_at, last_error";
    private const string Columns =
        "id, request_key, origin, state, attempt, progress_done, progress_total, created_at, started_at, finished_at, request_json, result_json, error, plan_json";

    private readonly string _connectionString;
    private readonly string _directory;
    private readonly Lock _initializing = new();
    private Task? _initialized;

    public SqliteJobStore(IOptions<JobsOptions> options)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        DatabasePath = Path.Combine(directory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _directory = directory;
    }

    public string DatabasePath { get; }

    public Task AddAsync(JobRecord job, CancellationToken cancellationToken) =>
        WriteAsync(
            command =>
            {
                command.CommandText = $"INSERT INTO jobs ({Columns}) VALUES ($id, $request_key, $origin, $state, $attempt, $progress_done, $progress_total, $created_at, $started_at, $finished_at, $request_json, $result_json, $error, $plan_json)";
                Bind(command, job);
            },
            cancellationToken);

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var jobs = await QueryAsync($"SELECT {Columns} FROM jobs WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), cancellationToken);
        return jobs.Count > 0 ? jobs[0] : null;
    }

    public Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM jobs WHERE ($state IS NULL OR state = $state) ORDER BY created_at DESC, id DESC LIMIT $limit",
            c =>
            {
                c.Parameters.AddWithValue("$state", (object?)state?.ToString() ?? DBNull.Value);
                c.Parameters.AddWithValue("$limit", limit);
            },
            cancellationToken);

    public async Task<JobRecord?> FindAsync(string requestKey, IReadOnlyCollection<JobState> states, CancellationToken cancellationToken)
    {
        var names = states.Select(s => s.ToString()).ToList();
        var jobs = await QueryAsync(
            $"SELECT {Columns} FROM jobs WHERE request_key = $key AND state IN ({string.Join(", ", names.Select((_, i) => $"$s{i}"))}) ORDER BY created_at DESC LIMIT 1",
            c =>
            {
                c.Parameters.AddWithValue("$key", requestKey);
                for (var i = 0; i < names.Count; i++)
                {
                    c.Parameters.AddWithValue($"$s{i}", names[i]);
                }
            },
            cancellationToken);
        return jobs.Count > 0 ? jobs[0] : null;
    }

    public async Task<bool> TryUpdateAsync(JobRecord updated, JobState expected, CancellationToken cancellationToken) =>
        await WriteAsync(command => PrepareUpdate(command, updated, expected), cancellationToken) == 1;

    public async Task<bool> TryCompleteAsync(JobCompletion completion, CancellationToken cancellationToken) =>
        await WriteInTransactionAsync(
            async (connection, transaction) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                PrepareUpdate(command, completion.Job, completion.Expected);
                if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    return false;
                }

                if (completion.Snapshot is { } snapshot)
                {
                    await SqliteSnapshots.InsertAsync(connection, transaction, completion.Job.Id, snapshot, cancellationToken);
                }

                foreach (var delivery in completion.Deliveries)
                {
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO deliveries ({DeliveryColumns}) VALUES ($id, $job_id, $channel, $event, $state, $attempts, $created_at, $next_attempt_at, $finished_at, $last_error)";
                    BindDelivery(insert, delivery);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                return true;
            },
            cancellationToken);

    public async Task<ReportSnapshot?> GetSnapshotAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SqliteSnapshots.GetAsync(connection, jobId, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, StarObservation>> GetLatestBeforeAsync(IReadOnlyCollection<long> ids, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SqliteSnapshots.GetLatestBeforeAsync(connection, ids, before, cancellationToken);
    }

    public async Task<IReadOnlyList<SnapshotRepository>> GetLatestAsync(DateTimeOffset createdSince, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SqliteSnapshots.GetLatestAsync(connection, createdSince, cancellationToken);
    }

    public async Task<RepositoryHistory?> GetHistoryAsync(string fullName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SqliteSnapshots.GetHistoryAsync(connection, fullName, cancellationToken);
    }

    public async Task<int> DeleteSnapshotsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await WriteInTransactionAsync(
            async (connection, transaction) =>
            {
                deleted = await SqliteSnapshots.DeleteBeforeAsync(connection, transaction, before, cancellationToken);
                return true;
            },
            cancellationToken);
        return deleted;
    }

    public async Task<IReadOnlyList<JobDelivery>> ListDeliveriesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken)
    {
        if (jobIds.Count == 0)
        {
            return [];
        }

        var ids = jobIds.ToList();
        return await QueryDeliveriesAsync(
            $"SELECT {DeliveryColumns} FROM deliveries WHERE job_id IN ({string.Join(", ", ids.Select((_, i) => $"$j{i}"))}) ORDER BY created_at, id",
            c =>
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    c.Parameters.AddWithValue($"$j{i}", ids[i]);
                }
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<JobDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        QueryDeliveriesAsync(
            $"SELECT {DeliveryColumns} FROM deliveries WHERE state = 'Pending' AND next_attempt_at <= $now ORDER BY next_attempt_at, id LIMIT $limit",
            c =>
            {
                c.Parameters.AddWithValue("$now", FormatTime(now));
                c.Parameters.AddWithValue("$limit", limit);
            },
            cancellationToken);

    public async Task<bool> TryUpdateDeliveryAsync(JobDelivery updated, int expectedAttempts, CancellationToken cancellationToken) =>
        await WriteAsync(
            command =>
            {
                command.CommandText = """
                    UPDATE deliveries SET job_id = $job_id, channel = $channel, event = $event, state = $state,
                        attempts = $attempts, created_at = $created_at, next_attempt_at = $next_attempt_at,
                        finished_at = $finished_at, last_error = $last_error
                    WHERE id = $id AND state = 'Pending' AND attempts = $expected_attempts
                    """;
                BindDelivery(command, updated);
                command.Parameters.AddWithValue("$expected_attempts", expectedAttempts);
            },
            cancellationToken) == 1;

    public Task UpdateProgressAsync(string id, JobProgress progress, CancellationToken cancellationToken) =>
        WriteAsync(
            command =>
            {
                command.CommandText = "UPDATE jobs SET progress_done = $done, progress_total = $total WHERE id = $id AND state = 'Running'";
                command.Parameters.AddWithValue("$done", progress.Done);
                command.Parameters.AddWithValue("$total", progress.Total);
                command.Parameters.AddWithValue("$id", id);
            },
            cancellationToken);

    public async Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var id in ids)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM deliveries WHERE job_id = $id; DELETE FROM jobs WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> GetLastScheduleRunAsync(string schedule, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT due FROM schedule_runs WHERE name = $name";
        command.Parameters.AddWithValue("$name", schedule);
        return await command.ExecuteScalarAsync(cancellationToken) is string due ? ParseTime(due) : null;
    }

    public async Task<bool> TryRecordScheduleRunAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        await WriteAsync(
            command =>
            {
                // One statement, so two processes racing for the same due time cannot both win.
                command.CommandText = """
                    INSERT INTO schedule_runs (name, due) VALUES ($name, $due)
                    ON CONFLICT (name) DO UPDATE SET due = excluded.due WHERE schedule_runs.due < excluded.due
                    """;
                command.Parameters.AddWithValue("$name", schedule);
                command.Parameters.AddWithValue("$due", FormatTime(due));
            },
            cancellationToken) == 1;

    public async Task<DateTimeOffset?> GetScheduleBaselineAsync(string schedule, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT due FROM schedule_baselines WHERE name = $name";
        command.Parameters.AddWithValue("$name", schedule);
        return await command.ExecuteScalarAsync(cancellationToken) is string due ? ParseTime(due) : null;
    }

    public async Task<bool> TryRecordScheduleBaselineAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        await WriteAsync(
            command =>
            {
                command.CommandText = """
                    INSERT INTO schedule_baselines (name, due) SELECT $name, $due
                    WHERE NOT EXISTS (SELECT 1 FROM schedule_runs WHERE name = $name)
                    ON CONFLICT (name) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$name", schedule);
                command.Parameters.AddWithValue("$due", FormatTime(due));
            },
            cancellationToken) == 1;

    public async Task CheckWritableAsync(CancellationToken cancellationToken)
    {
        await InitializedAsync().WaitAsync(cancellationToken);

        // Open connections keep writing into a deleted file (gone at the next start) or one made read-only since:
        // look at the path, then write as a new connection would.
        if (!File.Exists(DatabasePath))
        {
            throw new IOException($"the database {DatabasePath} no longer exists (was the data directory deleted or moved?)");
        }

        // SQLite reuses a file descriptor this process already opened for writing, so a new connection alone can miss
        // a file made read-only since; the file's own attributes say it (on Unix, for this process's user).
        if ((File.GetAttributes(DatabasePath) & FileAttributes.ReadOnly) != 0)
        {
            throw new IOException($"the database {DatabasePath} cannot be written: it is read-only");
        }

        var unpooled = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(unpooled);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A write statement that changes no row: SQLite still takes the write lock, and refuses on a read-only file
        // (BEGIN IMMEDIATE alone does not, in WAL mode).
        command.CommandText = "UPDATE schedule_runs SET due = due WHERE 0";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new IOException($"the database {DatabasePath} cannot be written: {ex.Message}", ex);
        }
    }

    private static void PrepareUpdate(SqliteCommand command, JobRecord updated, JobState expected)
    {
        command.CommandText = """
            UPDATE jobs SET request_key = $request_key, origin = $origin, state = $state, attempt = $attempt,
                progress_done = $progress_done, progress_total = $progress_total, created_at = $created_at,
                started_at = $started_at, finished_at = $finished_at, request_json = $request_json,
                result_json = $result_json, error = $error, plan_json = $plan_json
            WHERE id = $id AND state = $expected
            """;
        Bind(command, updated);
        command.Parameters.AddWithValue("$expected", expected.ToString());
    }

    private static void Bind(SqliteCommand command, JobRecord job)
    {
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$request_key", job.RequestKey);
        command.Parameters.AddWithValue("$origin", job.Origin);
        command.Parameters.AddWithValue("$state", job.State.ToString());
        command.Parameters.AddWithValue("$attempt", job.Attempt);
        command.Parameters.AddWithValue("$progress_done", job.Progress.Done);
        command.Parameters.AddWithValue("$progress_total", job.Progress.Total);
        command.Parameters.AddWithValue("$created_at", FormatTime(job.CreatedAt));
        command.Parameters.AddWithValue("$started_at", job.StartedAt is { } started ? FormatTime(started) : DBNull.Value);
        command.Parameters.AddWithValue("$finished_at", job.FinishedAt is { } finished ? FormatTime(finished) : DBNull.Value);
        command.Parameters.AddWithValue("$request_json", JsonSerializer.Serialize(job.Request, JobsJsonContext.Default.ReportRequest));
        command.Parameters.AddWithValue("$result_json", job.Result is { } result ? JsonSerializer.Serialize(result, JobsJsonContext.Default.ReportResult) : DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)job.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("$plan_json", JsonSerializer.Serialize(job.Plan, JobsJsonContext.Default.ReportPlan));
    }

    private static void BindDelivery(SqliteCommand command, JobDelivery delivery)
    {
        command.Parameters.AddWithValue("$id", delivery.Id);
        command.Parameters.AddWithValue("$job_id", delivery.JobId);
        command.Parameters.AddWithValue("$channel", delivery.Channel);
        command.Parameters.AddWithValue("$event", delivery.Event);
        command.Parameters.AddWithValue("$state", delivery.State.ToString());
        command.Parameters.AddWithValue("$attempts", delivery.Attempts);
        command.Parameters.AddWithValue("$created_at", FormatTime(delivery.CreatedAt));
        command.Parameters.AddWithValue("$next_attempt_at", FormatTime(delivery.NextAttemptAt));
        command.Parameters.AddWithValue("$finished_at", delivery.FinishedAt is { } finished ? FormatTime(finished) : DBNull.Value);
        command.Parameters.AddWithValue("$last_error", (object?)delivery.LastError ?? DBNull.Value);
    }

    private static JobDelivery ReadDelivery(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        JobId = reader.GetString(1),
        Channel = reader.GetString(2),
        Event = reader.GetString(3),
        State = Enum.Parse<DeliveryState>(reader.GetString(4)),
        Attempts = reader.GetInt32(5),
        CreatedAt = ParseTime(reader.GetString(6)),
        NextAttemptAt = ParseTime(reader.GetString(7)),
        FinishedAt = reader.IsDBNull(8) ? null : ParseTime(reader.GetString(8)),
        LastError = reader.IsDBNull(9) ? null : reader.GetString(9),
    };

    private static JobRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Origin = reader.GetString(2),
        State = Enum.Parse<JobState>(reader.GetString(3)),
        Attempt = reader.GetInt32(4),
        Progress = new JobProgress(reader.GetInt32(5), reader.GetInt32(6)),
        CreatedAt = ParseTime(reader.GetString(7)),
        StartedAt = reader.IsDBNull(8) ? null : ParseTime(reader.GetString(8)),
        FinishedAt = reader.IsDBNull(9) ? null : ParseTime(reader.GetString(9)),
        Plan = JsonSerializer.Deserialize(reader.GetString(13), JobsJsonContext.Default.ReportPlan)!,
        Result = reader.IsDBNull(11) ? null : JsonSerializer.Deserialize(reader.GetString(11), JobsJsonContext.Default.ReportResult),
        Error = reader.IsDBNull(12) ? null : reader.GetString(12),
    };

    // Fixed-width UTC text sorts in time order, so ORDER BY and "due < excluded.due" compare times.
    internal static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private Task<IReadOnlyList<JobRecord>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        QueryAsync(sql, bind, Read, cancellationToken);

    private Task<IReadOnlyList<JobDelivery>> QueryDeliveriesAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        QueryAsync(sql, bind, ReadDelivery, cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// Runs one write statement and returns the rows it changed. A pooled connection opened while the file was
    /// read-only stays read-only after the file is writable again, so on SQLITE_READONLY the pool is cleared and the
    /// write tried once more on a new connection.
    /// </summary>
    private async Task<int> WriteAsync(Action<SqliteCommand> prepare, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            prepare(command);
            try
            {
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == ReadOnlyError && attempt == 1)
            {
                SqliteConnection.ClearPool(connection);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one write transaction (taken at BEGIN), committed only when it returns
    /// <see langword="true"/>; read-only connections are handled as in <see cref="WriteAsync"/>.
    /// </summary>
    private async Task<bool> WriteInTransactionAsync(Func<SqliteConnection, SqliteTransaction, Task<bool>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenAsync(cancellationToken);
            try
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                if (!await write(connection, transaction))
                {
                    return false;
                }

                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == ReadOnlyError && attempt == 1)
            {
                SqliteConnection.ClearPool(connection);
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializedAsync().WaitAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates or migrates the schema once; a failed attempt (a busy disk, say) is tried again by the next call.</summary>
    private Task InitializedAsync()
    {
        lock (_initializing)
        {
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled)
            {
                _initialized = InitializeAsync(_directory);
            }

            return _initialized;
        }
    }

    private async Task InitializeAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA user_version;";
        int version;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            await reader.ReadAsync();
            version = reader.GetInt32(0);
        }

        if (version >= SchemaVersion)
        {
            return;
        }

        // BEGIN IMMEDIATE takes the write lock, and the version is read again under it: two stores (or processes)
        // opening a new file together must not both run a migration (ALTER TABLE fails the second time).
        await using var transaction = connection.BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        version = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (version >= SchemaVersion)
        {
            return;
        }

        if (version < 1)
        {
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS jobs (
                    id TEXT PRIMARY KEY,
                    request_key TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    progress_done INTEGER NOT NULL,
                    progress_total INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    started_at TEXT,
                    finished_at TEXT,
                    request_json TEXT NOT NULL,
                    result_json TEXT,
                    error TEXT);
                CREATE INDEX IF NOT EXISTS jobs_by_created ON jobs (created_at DESC);
                CREATE INDEX IF NOT EXISTS jobs_by_key ON jobs (request_key, state);
                CREATE TABLE IF NOT EXISTS schedule_runs (name TEXT PRIMARY KEY, due TEXT NOT NULL);
                """;
            await command.ExecuteNonQueryAsync();
        }

        if (version < 2)
        {
            // Version 2 keeps each job's plan. Jobs of version 1 are planned here, once, from their stored request
            // (its reference date was fixed when it was queued), so reading a job never plans it again.
            command.CommandText = "ALTER TABLE jobs ADD COLUMN plan_json TEXT";
            await command.ExecuteNonQueryAsync();
            await PlanVersion1JobsAsync(connection, transaction);
        }

        if (version < 3)
        {
            // Version 3 keeps baselines (the due time a schedule was first seen at) apart from runs. Before, both
            // were runs: a row with no job of its schedule queued at or after its due time was a baseline.
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS schedule_baselines (name TEXT PRIMARY KEY, due TEXT NOT NULL);
                INSERT INTO schedule_baselines (name, due)
                    SELECT r.name, r.due FROM schedule_runs r
                    WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.origin = 'schedule:' || r.name AND j.created_at >= r.due);
                DELETE FROM schedule_runs WHERE name IN (SELECT name FROM schedule_baselines);
                """;
            await command.ExecuteNonQueryAsync();
        }

        if (version < 4)
        {
            // Version 4 keeps the snapshots of succeeded reports. Jobs of earlier versions have none.
            command.CommandText = SqliteSnapshots.Schema;
            await command.ExecuteNonQueryAsync();
        }

        if (version < 5)
        {
            // Version 5 keeps the notifications of job ends (the outbox), written with the end in one transaction.
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS deliveries (
                    id TEXT PRIMARY KEY,
                    job_id TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    event TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    next_attempt_at TEXT NOT NULL,
                    finished_at TEXT,
                    last_error TEXT);
                CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at);
                CREATE INDEX IF NOT EXISTS deliveries_by_job ON deliveries (job_id);
                """;
            await command.ExecuteNonQueryAsync();
        }

        command.CommandText = $"PRAGMA user_version = {SchemaVersion}";
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task PlanVersion1JobsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        var plans = new List<(string Id, string Plan)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, request_json, created_at FROM jobs WHERE plan_json IS NULL";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var request = JsonSerializer.Deserialize(reader.GetString(1), JobsJsonContext.Default.ReportRequest)!;
                var queuedOn = DateOnly.FromDateTime(ParseTime(reader.GetString(2)).UtcDateTime);
                plans.Add((reader.GetString(0), JsonSerializer.Serialize(ReportPlan.Create(request, queuedOn), JobsJsonContext.Default.ReportPlan)));
            }
        }

        foreach (var (id, plan) in plans)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE jobs SET plan_json = $plan WHERE id = $id";
            update.Parameters.AddWithValue("$plan", plan);
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync();
        }
    }
}
