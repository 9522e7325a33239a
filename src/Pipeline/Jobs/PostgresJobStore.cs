using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace HotRepos.Jobs;

/// <summary>
/// Keeps jobs in a PostgreSQL database that several instances share (<see cref="JobsOptions.ConnectionString"/>). The
/// schema is created or migrated on first use, by one instance at a time (<see cref="PostgresMigrations"/>). Leases
/// are timed by the database's clock, so instances whose clocks differ agree on when a lease expired.
/// </summary>
internal sealed partial class PostgresJobStore : ISharedJobStore, IAsyncDisposable, IDisposable
{
    /// <summary>The channel a queued job is announced on (<c>LISTEN</c>/<c>NOTIFY</c>).</summary>
    public const string QueuedChannel = "hotrepos_job_queued";

    // The first half of the advisory lock keys on report keys; the second half is the key's hash.
    private const int ReportLockSpace = 0x486F7452; // "HotR"

    private const string Columns =
        "id, request_key, origin, state, attempt, progress_done, progress_total, created_at, started_at, finished_at, plan_json, result_json, error";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _lease;
    private readonly Lock _initializing = new();
    private readonly SemaphoreSlim _listening = new(1, 1);
    private Task? _initialized;
    private NpgsqlConnection? _listener;

    public PostgresJobStore(IOptions<JobsOptions> options)
    {
        var connectionString = options.Value.ConnectionString
            ?? throw new InvalidOperationException("HotRepos:Jobs:Store is Postgres, but ConnectionStrings:HotRepos is not set");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _lease = options.Value.LeaseDuration;
    }

    /// <summary>Gets who holds the leases this store takes: one per store, so one per process in production.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public Task AddAsync(JobRecord job, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"""
            INSERT INTO jobs ({Columns}, lease_owner, lease_until)
            VALUES (@id, @request_key, @origin, @state, @attempt, @progress_done, @progress_total, @created_at, @started_at, @finished_at, @plan_json, @result_json, @error,
                CASE WHEN @state = 'Running' THEN @owner END, CASE WHEN @state = 'Running' THEN clock_timestamp() + @lease END);
            NOTIFY {QueuedChannel};
            """,
            c =>
            {
                Bind(c, job);
                BindLease(c);
            },
            cancellationToken);

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        First(await QueryAsync($"SELECT {Columns} FROM jobs WHERE id = @id", c => c.Parameters.AddWithValue("id", id), cancellationToken));

    public Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM jobs WHERE (@state::text IS NULL OR state = @state) ORDER BY created_at DESC, id DESC LIMIT @limit",
            c =>
            {
                c.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = (object?)state?.ToString() ?? DBNull.Value });
                c.Parameters.AddWithValue("limit", (long)limit);
            },
            cancellationToken);

    public async Task<JobRecord?> FindAsync(string requestKey, IReadOnlyCollection<JobState> states, CancellationToken cancellationToken) =>
        First(await QueryAsync(
            $"SELECT {Columns} FROM jobs WHERE request_key = @key AND state = ANY(@states) ORDER BY created_at DESC, id DESC LIMIT 1",
            c =>
            {
                c.Parameters.AddWithValue("key", requestKey);
                c.Parameters.AddWithValue("states", states.Select(s => s.ToString()).ToArray());
            },
            cancellationToken));

    public async Task<bool> TryUpdateAsync(JobRecord updated, JobState expected, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = PrepareUpdate(connection, updated, expected);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryCompleteAsync(JobCompletion completion, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = PrepareUpdate(connection, completion.Job, completion.Expected))
        {
            update.Transaction = transaction;
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        // The CSV goes with the job's end, so any instance can serve it, not only the one whose disk has the file.
        if (completion.Job is { State: JobState.Succeeded, Result.FilePath: { } path } && File.Exists(path))
        {
            await using var file = new NpgsqlCommand(
                "INSERT INTO report_files (job_id, content) VALUES (@id, @content) ON CONFLICT (job_id) DO UPDATE SET content = excluded.content",
                connection,
                transaction);
            file.Parameters.AddWithValue("id", completion.Job.Id);
            file.Parameters.AddWithValue("content", await File.ReadAllBytesAsync(path, cancellationToken));
            await file.ExecuteNonQueryAsync(cancellationToken);
        }

        // Stored only by the lease holder's end (the compare-and-set above), and with it or not at all.
        if (completion.Snapshot is { } snapshot)
        {
            await InsertSnapshotAsync(connection, transaction, completion.Job.Id, snapshot, cancellationToken);
        }

        await InsertDeliveriesAsync(connection, transaction, completion.Deliveries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task UpdateProgressAsync(string id, JobProgress progress, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE jobs SET progress_done = @done, progress_total = @total WHERE id = @id AND state = 'Running' AND lease_owner = @owner",
            c =>
            {
                c.Parameters.AddWithValue("done", progress.Done);
                c.Parameters.AddWithValue("total", progress.Total);
                c.Parameters.AddWithValue("id", id);
                c.Parameters.AddWithValue("owner", Owner);
            },
            cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.CompletedTask
            : ExecuteAsync("DELETE FROM jobs WHERE id = ANY(@ids)", c => c.Parameters.AddWithValue("ids", ids.ToArray()), cancellationToken);

    public Task<DateTimeOffset?> GetLastScheduleRunAsync(string schedule, CancellationToken cancellationToken) =>
        ScalarTimeAsync("SELECT due FROM schedule_runs WHERE name = @name", schedule, cancellationToken);

    public async Task<bool> TryRecordScheduleRunAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        // One statement: the conflicting row is locked and its due time compared again, so of two instances recording
        // the same due time only one gets a row back.
        await ExecuteAsync(
            """
            INSERT INTO schedule_runs (name, due) VALUES (@name, @due)
            ON CONFLICT (name) DO UPDATE SET due = excluded.due WHERE schedule_runs.due < excluded.due
            """,
            c => BindSchedule(c, schedule, due),
            cancellationToken) == 1;

    public Task<DateTimeOffset?> GetScheduleBaselineAsync(string schedule, CancellationToken cancellationToken) =>
        ScalarTimeAsync("SELECT due FROM schedule_baselines WHERE name = @name", schedule, cancellationToken);

    public async Task<bool> TryRecordScheduleBaselineAsync(string schedule, DateTimeOffset due, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            INSERT INTO schedule_baselines (name, due) SELECT @name, @due
            WHERE NOT EXISTS (SELECT 1 FROM schedule_runs WHERE name = @name)
            ON CONFLICT (name) DO NOTHING
            """,
            c => BindSchedule(c, schedule, due),
            cancellationToken) == 1;

    public async Task CheckWritableAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE schedule_runs SET due = due WHERE false", _ => { }, cancellationToken);

    public async Task<bool> TryRenewLeaseAsync(string id, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE jobs SET lease_until = clock_timestamp() + @lease WHERE id = @id AND state = 'Running' AND lease_owner = @owner",
            c =>
            {
                c.Parameters.AddWithValue("id", id);
                BindLease(c);
            },
            cancellationToken) == 1;

    public Task<int> RequeueExpiredAsync(CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"""
            UPDATE jobs SET state = 'Queued', started_at = NULL, lease_owner = NULL, lease_until = NULL
            WHERE state = 'Running' AND lease_until < clock_timestamp();
            NOTIFY {QueuedChannel};
            """,
            _ => { },
            cancellationToken);

    public async Task<bool> WaitForQueuedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _listening.WaitAsync(cancellationToken);
        try
        {
            if (_listener is null)
            {
                var listener = await OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {QueuedChannel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                _listener = listener;
            }

            return await _listener.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            // A broken listening connection: the next call opens a new one; meanwhile the caller polls.
            await DisposeListenerAsync();
            throw;
        }
        finally
        {
            _listening.Release();
        }
    }

    public async Task<byte[]?> GetReportFileAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT content FROM report_files WHERE job_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<bool> HasReportFileAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM report_files WHERE job_id = @id)", connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async Task<IAsyncDisposable> LockReportAsync(string requestKey, CancellationToken cancellationToken)
    {
        // A session lock on its own connection: released when disposed, or by the server if this process dies.
        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@space, hashtext(@key))", connection);
            command.Parameters.AddWithValue("space", ReportLockSpace);
            command.Parameters.AddWithValue("key", requestKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new ReportLock(connection, requestKey);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeListenerAsync();
        await _dataSource.DisposeAsync();
        _listening.Dispose();
    }

    // A service provider disposed synchronously (an embedder's using block) needs this one.
    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
        _dataSource.Dispose();
        _listening.Dispose();
    }

    /// <summary>
    /// The compare-and-set. Taking a queued job also takes its lease, skipping a row another instance is taking at this
    /// moment (<c>FOR UPDATE SKIP LOCKED</c>) instead of waiting for it; other changes wait for the row and compare
    /// again (a lease renewal holding it must not make a final write fail). Leaving Running requires the lease, except
    /// for a cancel, which may come from any instance (the holder sees its lease gone at its next renewal).
    /// </summary>
    private NpgsqlCommand PrepareUpdate(NpgsqlConnection connection, JobRecord updated, JobState expected)
    {
        var guard = expected == JobState.Running && updated.State != JobState.Cancelled ? "AND lease_owner = @owner" : "";
        var claim = expected == JobState.Queued && updated.State == JobState.Running;
        var where = claim
            ? "id = (SELECT id FROM jobs WHERE id = @id AND state = @expected FOR UPDATE SKIP LOCKED)"
            : $"id = @id AND state = @expected {guard}";
        var command = new NpgsqlCommand(
            $"""
            UPDATE jobs SET request_key = @request_key, origin = @origin, state = @state, attempt = @attempt,
                progress_done = @progress_done, progress_total = @progress_total, created_at = @created_at,
                started_at = @started_at, finished_at = @finished_at, plan_json = @plan_json, result_json = @result_json, error = @error,
                lease_owner = CASE WHEN @state = 'Running' THEN @owner END,
                lease_until = CASE WHEN @state = 'Running' THEN clock_timestamp() + @lease END
            WHERE {where}
            """,
            connection);
        Bind(command, updated);
        BindLease(command);
        command.Parameters.AddWithValue("expected", expected.ToString());
        return command;
    }

    private void BindLease(NpgsqlCommand command)
    {
        command.Parameters.AddWithValue("owner", Owner);
        command.Parameters.AddWithValue("lease", _lease);
    }

    private static void Bind(NpgsqlCommand command, JobRecord job)
    {
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("request_key", job.RequestKey);
        command.Parameters.AddWithValue("origin", job.Origin);
        command.Parameters.AddWithValue("state", job.State.ToString());
        command.Parameters.AddWithValue("attempt", job.Attempt);
        command.Parameters.AddWithValue("progress_done", job.Progress.Done);
        command.Parameters.AddWithValue("progress_total", job.Progress.Total);
        command.Parameters.AddWithValue("created_at", job.CreatedAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("started_at", NpgsqlDbType.TimestampTz) { Value = (object?)job.StartedAt?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("finished_at", NpgsqlDbType.TimestampTz) { Value = (object?)job.FinishedAt?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.AddWithValue("plan_json", JsonSerializer.Serialize(job.Plan, JobsJsonContext.Default.ReportPlan));
        command.Parameters.Add(new NpgsqlParameter("result_json", NpgsqlDbType.Text)
        {
            Value = job.Result is { } result ? JsonSerializer.Serialize(result, JobsJsonContext.Default.ReportResult) : DBNull.Value,
        });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)job.Error ?? DBNull.Value });
    }

    private static void BindSchedule(NpgsqlCommand command, string schedule, DateTimeOffset due)
    {
        command.Parameters.AddWithValue("name", schedule);
        command.Parameters.AddWithValue("due", due.ToUniversalTime());
    }

    private static JobRecord? First(IReadOnlyList<JobRecord> jobs) => jobs.Count > 0 ? jobs[0] : null;

    private static JobRecord Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Origin = reader.GetString(2),
        State = Enum.Parse<JobState>(reader.GetString(3)),
        Attempt = reader.GetInt32(4),
        Progress = new JobProgress(reader.GetInt32(5), reader.GetInt32(6)),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
        StartedAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        FinishedAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        Plan = JsonSerializer.Deserialize(reader.GetString(10), JobsJsonContext.Default.ReportPlan)!,
        Result = reader.IsDBNull(11) ? null : JsonSerializer.Deserialize(reader.GetString(11), JobsJsonContext.Default.ReportResult),
        Error = reader.IsDBNull(12) ? null : reader.GetString(12),
    };

    private async Task<DateTimeOffset?> ScalarTimeAsync(string sql, string schedule, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", schedule);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    private async Task<IReadOnlyList<JobRecord>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadRowsAsync(connection, sql, bind, Read, cancellationToken);
    }

    /// <summary>Runs a query on an open connection and reads every row with <paramref name="read"/>.</summary>
    private static async Task<IReadOnlyList<T>> ReadRowsAsync<T>(
        NpgsqlConnection connection, string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<int> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Opens a connection synchronously, for callers that must decide at once (the rate-limit gate). The schema is
    /// migrated at start (<see cref="JobsStartup"/>), before any request; a call before that waits for it.
    /// </summary>
    public NpgsqlConnection OpenConnection()
    {
        InitializedAsync().GetAwaiter().GetResult();
        return _dataSource.OpenConnection();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializedAsync().WaitAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Creates or migrates the schema once; a failed attempt (the database not up yet, say) is tried again by the next call.</summary>
    private Task InitializedAsync()
    {
        lock (_initializing)
        {
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled)
            {
                _initialized = MigrateAsync();
            }

            return _initialized;
        }
    }

    /// <summary>
    /// Brings the schema to <see cref="PostgresMigrations.LatestVersion"/> in one transaction under an advisory lock:
    /// two instances starting together take turns, and the second finds the schema already migrated.
    /// </summary>
    private async Task MigrateAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockSchema = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockSchema.Parameters.AddWithValue("key", PostgresMigrations.LockKey);
            await lockSchema.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS hotrepos_schema (version integer NOT NULL)", connection, transaction))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT max(version) FROM hotrepos_schema", connection, transaction);
        var version = await command.ExecuteScalarAsync() is int current ? current : 0;
        if (version >= PostgresMigrations.LatestVersion)
        {
            return;
        }

        for (var step = version; step < PostgresMigrations.LatestVersion; step++)
        {
            await using var migrate = new NpgsqlCommand(PostgresMigrations.Steps[step], connection, transaction);
            await migrate.ExecuteNonQueryAsync();
        }

        await using var record = new NpgsqlCommand("DELETE FROM hotrepos_schema; INSERT INTO hotrepos_schema (version) VALUES (@version)", connection, transaction);
        record.Parameters.AddWithValue("version", PostgresMigrations.LatestVersion);
        await record.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Releases the report lock (a pooled connection would keep it until its next use) and the connection.</summary>
    private sealed class ReportLock(NpgsqlConnection connection, string requestKey) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, hashtext(@key))", connection);
                command.Parameters.AddWithValue("space", ReportLockSpace);
                command.Parameters.AddWithValue("key", requestKey);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task DisposeListenerAsync()
    {
        if (_listener is { } listener)
        {
            _listener = null;
            await listener.DisposeAsync();
        }
    }
}
