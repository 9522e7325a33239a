using System.Text.Json;
using HotRepos.Ranking;
using HotRepos.Reports;
using Microsoft.Data.Sqlite;

namespace HotRepos.Jobs;

/// <summary>
/// The snapshot tables of <see cref="SqliteJobStore"/> (schema version 4): one <c>snapshots</c> row per succeeded job,
/// one <c>snapshot_repositories</c> row per repository of it, keyed by GitHub's repository id. Each row keeps the
/// earlier observation its movement was measured against, so movement never changes when older snapshots expire.
/// </summary>
internal static class SqliteSnapshots
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS snapshots (
            job_id TEXT PRIMARY KEY,
            observed_at TEXT NOT NULL,
            repositories INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS snapshots_by_observed ON snapshots (observed_at);
        CREATE TABLE IF NOT EXISTS snapshot_repositories (
            job_id TEXT NOT NULL,
            repository_id INTEGER NOT NULL,
            rank INTEGER NOT NULL,
            full_name TEXT NOT NULL,
            html_url TEXT NOT NULL,
            description TEXT,
            stars INTEGER NOT NULL,
            forks INTEGER NOT NULL,
            open_issues INTEGER NOT NULL,
            language TEXT,
            topics_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            observed_at TEXT NOT NULL,
            previous_stars INTEGER,
            previous_observed_at TEXT,
            PRIMARY KEY (job_id, repository_id));
        CREATE INDEX IF NOT EXISTS snapshot_repositories_by_repository ON snapshot_repositories (repository_id, observed_at);
        CREATE INDEX IF NOT EXISTS snapshot_repositories_by_name ON snapshot_repositories (full_name COLLATE NOCASE, observed_at);
        CREATE INDEX IF NOT EXISTS snapshot_repositories_by_created ON snapshot_repositories (created_at);
        """;

    private const string RowColumns =
        "repository_id, rank, full_name, html_url, description, stars, forks, open_issues, language, topics_json, created_at, observed_at, previous_stars, previous_observed_at";

    private static readonly string[] RowParameters =
        ["$job", "$id", "$rank", "$name", "$url", "$description", "$stars", "$forks", "$issues", "$language", "$topics", "$created", "$observed", "$previous_stars", "$previous_at"];

    // SQLite allows 32,766 parameters; ids are looked up in chunks well below that.
    private const int IdsPerQuery = 500;

    public static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, string jobId, ReportSnapshot snapshot, CancellationToken cancellationToken)
    {
        var observedAt = SqliteJobStore.FormatTime(snapshot.ObservedAt);
        await using (var header = connection.CreateCommand())
        {
            header.Transaction = transaction;
            header.CommandText = "INSERT OR REPLACE INTO snapshots (job_id, observed_at, repositories) VALUES ($job, $observed, $count)";
            header.Parameters.AddWithValue("$job", jobId);
            header.Parameters.AddWithValue("$observed", observedAt);
            header.Parameters.AddWithValue("$count", snapshot.Repositories.Count);
            await header.ExecuteNonQueryAsync(cancellationToken);
        }

        // One prepared statement, rebound per row: 10,000 rows stay one short transaction.
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT OR REPLACE INTO snapshot_repositories (job_id, {RowColumns}) VALUES ($job, $id, $rank, $name, $url, $description, $stars, $forks, $issues, $language, $topics, $created, $observed, $previous_stars, $previous_at)";
        var parameters = RowParameters.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        insert.Prepare();
        foreach (var r in snapshot.Repositories)
        {
            object?[] values =
            [
                jobId, r.Id, r.Rank, r.FullName, r.HtmlUrl, r.Description, r.Stars, r.Forks, r.OpenIssues, r.Language,
                JsonSerializer.Serialize(r.Topics, JobsJsonContext.Default.IReadOnlyListString), SqliteJobStore.FormatTime(r.CreatedAt), observedAt,
                r.Movement is { } moved ? r.Stars - moved.Gained : null,
                r.Movement is { } since ? SqliteJobStore.FormatTime(since.Since) : null,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task<ReportSnapshot?> GetAsync(SqliteConnection connection, string jobId, CancellationToken cancellationToken)
    {
        await using var header = connection.CreateCommand();
        header.CommandText = "SELECT observed_at FROM snapshots WHERE job_id = $job";
        header.Parameters.AddWithValue("$job", jobId);
        if (await header.ExecuteScalarAsync(cancellationToken) is not string observedAt)
        {
            return null;
        }

        var rows = await QueryAsync(
            connection,
            $"SELECT {RowColumns} FROM snapshot_repositories WHERE job_id = $job ORDER BY rank",
            c => c.Parameters.AddWithValue("$job", jobId),
            cancellationToken);
        return new ReportSnapshot(SqliteJobStore.ParseTime(observedAt), rows);
    }

    public static async Task<IReadOnlyDictionary<long, StarObservation>> GetLatestBeforeAsync(
        SqliteConnection connection, IReadOnlyCollection<long> ids, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<long, StarObservation>();
        foreach (var chunk in ids.Distinct().Chunk(IdsPerQuery))
        {
            await using var command = connection.CreateCommand();

            // SQLite takes the bare column (stars) from the row that holds the MAX.
            command.CommandText = $"""
                SELECT repository_id, MAX(observed_at), stars FROM snapshot_repositories
                WHERE observed_at < $before AND repository_id IN ({string.Join(", ", chunk.Select((_, i) => $"$i{i}"))})
                GROUP BY repository_id
                """;
            command.Parameters.AddWithValue("$before", SqliteJobStore.FormatTime(before));
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue($"$i{i}", chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                latest[reader.GetInt64(0)] = new StarObservation(SqliteJobStore.ParseTime(reader.GetString(1)), reader.GetInt32(2));
            }
        }

        return latest;
    }

    public static Task<IReadOnlyList<SnapshotRepository>> GetLatestAsync(SqliteConnection connection, DateTimeOffset createdSince, CancellationToken cancellationToken) =>
        QueryAsync(
            connection,
            $"""
            SELECT {RowColumns}, MAX(observed_at) FROM snapshot_repositories
            WHERE created_at >= $since GROUP BY repository_id
            """,
            c => c.Parameters.AddWithValue("$since", SqliteJobStore.FormatTime(createdSince)),
            cancellationToken);

    public static async Task<RepositoryHistory?> GetHistoryAsync(SqliteConnection connection, string fullName, CancellationToken cancellationToken)
    {
        long id;
        await using (var find = connection.CreateCommand())
        {
            find.CommandText = "SELECT repository_id FROM snapshot_repositories WHERE full_name = $name COLLATE NOCASE ORDER BY observed_at DESC LIMIT 1";
            find.Parameters.AddWithValue("$name", fullName);
            if (await find.ExecuteScalarAsync(cancellationToken) is not long found)
            {
                return null;
            }

            id = found;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT observed_at, stars, full_name FROM snapshot_repositories WHERE repository_id = $id GROUP BY observed_at ORDER BY observed_at";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<StarObservation>();
        var name = fullName;
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new StarObservation(SqliteJobStore.ParseTime(reader.GetString(0)), reader.GetInt32(1)));
            name = reader.GetString(2);
        }

        return new RepositoryHistory(id, name, points);
    }

    public static async Task<int> DeleteBeforeAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM snapshot_repositories WHERE job_id IN (SELECT job_id FROM snapshots WHERE observed_at < $before);
            DELETE FROM snapshots WHERE observed_at < $before;
            SELECT changes();
            """;
        command.Parameters.AddWithValue("$before", SqliteJobStore.FormatTime(before));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<SnapshotRepository>> QueryAsync(
        SqliteConnection connection, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SnapshotRepository>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static SnapshotRepository Read(SqliteDataReader reader)
    {
        var stars = reader.GetInt32(5);
        var observedAt = SqliteJobStore.ParseTime(reader.GetString(11));
        StarObservation? previous = reader.IsDBNull(12) ? null : new StarObservation(SqliteJobStore.ParseTime(reader.GetString(13)), reader.GetInt32(12));
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
            JsonSerializer.Deserialize(reader.GetString(9), JobsJsonContext.Default.IReadOnlyListString) ?? [],
            SqliteJobStore.ParseTime(reader.GetString(10)))
        {
            Movement = StarMovement.Between(previous, new StarObservation(observedAt, stars)),
        };
    }
}
