using HotRepos.Ranking;
using HotRepos.Reports;
using Npgsql;
using NpgsqlTypes;

namespace HotRepos.Jobs;

/// <summary>
/// The snapshots of succeeded reports (schema step 3), with the semantics of <see cref="SqliteSnapshots"/>: one
/// <c>snapshots</c> row per succeeded job, one <c>snapshot_repositories</c> row per repository, keyed by GitHub's
/// repository id, each keeping the earlier observation its movement was measured against.
/// </summary>
internal sealed partial class PostgresJobStore : IRepositorySnapshots
{
    private const string SnapshotColumns =
        "repository_id, rank, full_name, html_url, description, stars, forks, open_issues, language, topics, created_at, observed_at, previous_stars, previous_observed_at";

    public async Task<ReportSnapshot?> GetSnapshotAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var header = new NpgsqlCommand("SELECT observed_at FROM snapshots WHERE job_id = @job", connection);
        header.Parameters.AddWithValue("job", jobId);
        if (await header.ExecuteScalarAsync(cancellationToken) is not DateTime observedAt)
        {
            return null;
        }

        var rows = await QuerySnapshotRowsAsync(
            connection,
            $"SELECT {SnapshotColumns} FROM snapshot_repositories WHERE job_id = @job ORDER BY rank, repository_id",
            c => c.Parameters.AddWithValue("job", jobId),
            cancellationToken);
        return new ReportSnapshot(new DateTimeOffset(observedAt, TimeSpan.Zero), rows);
    }

    public async Task<IReadOnlyDictionary<long, StarObservation>> GetLatestBeforeAsync(
        IReadOnlyCollection<long> ids, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<long, StarObservation>();
        if (ids.Count == 0)
        {
            return latest;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT ON (repository_id) repository_id, observed_at, stars FROM snapshot_repositories
            WHERE observed_at < @before AND repository_id = ANY(@ids)
            ORDER BY repository_id, observed_at DESC, job_id
            """,
            connection);
        command.Parameters.AddWithValue("before", before.ToUniversalTime());
        command.Parameters.AddWithValue("ids", ids.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest[reader.GetInt64(0)] = new StarObservation(reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2));
        }

        return latest;
    }

    public async Task<IReadOnlyList<SnapshotRepository>> GetLatestAsync(DateTimeOffset createdSince, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QuerySnapshotRowsAsync(
            connection,
            $"""
            SELECT DISTINCT ON (repository_id) {SnapshotColumns} FROM snapshot_repositories
            WHERE created_at >= @since ORDER BY repository_id, observed_at DESC, job_id
            """,
            c => c.Parameters.AddWithValue("since", createdSince.ToUniversalTime()),
            cancellationToken);
    }

    public async Task<RepositoryHistory?> GetHistoryAsync(string fullName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        long id;
        await using (var find = new NpgsqlCommand(
            "SELECT repository_id FROM snapshot_repositories WHERE lower(full_name) = lower(@name) ORDER BY observed_at DESC LIMIT 1",
            connection))
        {
            find.Parameters.AddWithValue("name", fullName);
            if (await find.ExecuteScalarAsync(cancellationToken) is not long found)
            {
                return null;
            }

            id = found;
        }

        // One point per moment observed, as SQLite's GROUP BY observed_at; the name is the latest snapshot's.
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT ON (observed_at) observed_at, stars, full_name FROM snapshot_repositories WHERE repository_id = @id ORDER BY observed_at, job_id",
            connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<StarObservation>();
        var name = fullName;
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new StarObservation(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1)));
            name = reader.GetString(2);
        }

        return new RepositoryHistory(id, name, points);
    }

    public async Task<int> DeleteSnapshotsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        // Their rows go with them (ON DELETE CASCADE); their jobs stay.
        await ExecuteAsync(
            "DELETE FROM snapshots WHERE observed_at < @before",
            c => c.Parameters.AddWithValue("before", before.ToUniversalTime()),
            cancellationToken);

    /// <summary>Stores a succeeded job's snapshot in the transaction of its end, replacing one stored before for the job.</summary>
    private static async Task InsertSnapshotAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, ReportSnapshot snapshot, CancellationToken cancellationToken)
    {
        var observedAt = snapshot.ObservedAt.ToUniversalTime();

        // As SQLite's INSERT OR REPLACE: a repository listed twice keeps its last row.
        var rows = snapshot.Repositories.GroupBy(r => r.Id).Select(g => g.Last()).ToList();
        await using (var header = new NpgsqlCommand(
            """
            DELETE FROM snapshots WHERE job_id = @job;
            INSERT INTO snapshots (job_id, observed_at, repositories) VALUES (@job, @observed, @count);
            """,
            connection,
            transaction))
        {
            header.Parameters.AddWithValue("job", jobId);
            header.Parameters.AddWithValue("observed", observedAt);
            header.Parameters.AddWithValue("count", snapshot.Repositories.Count);
            await header.ExecuteNonQueryAsync(cancellationToken);
        }

        // COPY takes part in the transaction and keeps 10,000 rows one short round trip.
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY snapshot_repositories (job_id, {SnapshotColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var r in rows)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(jobId, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.Id, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(r.Rank, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.FullName, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.HtmlUrl, NpgsqlDbType.Text, cancellationToken);
            await WriteTextOrNullAsync(import, r.Description, cancellationToken);
            await import.WriteAsync(r.Stars, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.Forks, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.OpenIssues, NpgsqlDbType.Integer, cancellationToken);
            await WriteTextOrNullAsync(import, r.Language, cancellationToken);
            await import.WriteAsync(r.Topics.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(observedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            if (r.Movement is { } moved)
            {
                await import.WriteAsync(r.Stars - moved.Gained, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(moved.Since.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            }
            else
            {
                await import.WriteNullAsync(cancellationToken);
                await import.WriteNullAsync(cancellationToken);
            }
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static Task WriteTextOrNullAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task<IReadOnlyList<SnapshotRepository>> QuerySnapshotRowsAsync(
        NpgsqlConnection connection, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        ReadRowsAsync(connection, sql, bind, ReadSnapshotRow, cancellationToken);

    private static SnapshotRepository ReadSnapshotRow(NpgsqlDataReader reader)
    {
        var stars = reader.GetInt32(5);
        var observedAt = reader.GetFieldValue<DateTimeOffset>(11);
        StarObservation? previous = reader.IsDBNull(12) ? null : new StarObservation(reader.GetFieldValue<DateTimeOffset>(13), reader.GetInt32(12));
        return new SnapshotRepository(
            reader.GetInt64(0),
            reader.GetInt32(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            stars,
            reader.GetInt32(6),
            reader.GetInt32(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.GetFieldValue<string[]>(9),
            reader.GetFieldValue<DateTimeOffset>(10))
        {
            Movement = StarMovement.Between(previous, new StarObservation(observedAt, stars)),
        };
    }
}
