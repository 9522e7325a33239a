using Npgsql;
using NpgsqlTypes;

namespace HotRepos.Jobs;

/// <summary>
/// The notification outbox (schema step 4): deliveries written in the transaction of their job's end, changed only by
/// a compare-and-set on their attempt count, and removed with their job. Every instance's dispatcher reads the same
/// rows; of two claiming the same attempt, the second's update finds the count changed and does nothing.
/// </summary>
internal sealed partial class PostgresJobStore
{
    private const string DeliveryColumns =
        "id, job_id, channel, event, state, attempts, created_at, next_attempt_at, finished_at, last_error";

    public Task<IReadOnlyList<JobDelivery>> ListDeliveriesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken) =>
        jobIds.Count == 0
            ? Task.FromResult<IReadOnlyList<JobDelivery>>([])
            : QueryDeliveriesAsync(
                $"SELECT {DeliveryColumns} FROM deliveries WHERE job_id = ANY(@ids) ORDER BY created_at, id",
                c => c.Parameters.AddWithValue("ids", jobIds.ToArray()),
                cancellationToken);

    public Task<IReadOnlyList<JobDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        QueryDeliveriesAsync(
            $"SELECT {DeliveryColumns} FROM deliveries WHERE state = 'Pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit",
            c =>
            {
                c.Parameters.AddWithValue("now", now.ToUniversalTime());
                c.Parameters.AddWithValue("limit", (long)limit);
            },
            cancellationToken);

    public async Task<bool> TryUpdateDeliveryAsync(JobDelivery updated, int expectedAttempts, CancellationToken cancellationToken) =>
        // Under READ COMMITTED a second update of the row waits for the first and compares again against the new
        // version, so two dispatchers claiming one attempt cannot both succeed.
        await ExecuteAsync(
            """
            UPDATE deliveries SET job_id = @job_id, channel = @channel, event = @event, state = @state,
                attempts = @attempts, created_at = @created_at, next_attempt_at = @next_attempt_at,
                finished_at = @finished_at, last_error = @last_error
            WHERE id = @id AND state = 'Pending' AND attempts = @expected_attempts
            """,
            c =>
            {
                BindDelivery(c, updated);
                c.Parameters.AddWithValue("expected_attempts", expectedAttempts);
            },
            cancellationToken) == 1;

    /// <summary>Stores a job end's deliveries in the transaction of that end.</summary>
    private static async Task InsertDeliveriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<JobDelivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            await using var insert = new NpgsqlCommand(
                $"""
                INSERT INTO deliveries ({DeliveryColumns})
                VALUES (@id, @job_id, @channel, @event, @state, @attempts, @created_at, @next_attempt_at, @finished_at, @last_error)
                """,
                connection,
                transaction);
            BindDelivery(insert, delivery);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void BindDelivery(NpgsqlCommand command, JobDelivery delivery)
    {
        command.Parameters.AddWithValue("id", delivery.Id);
        command.Parameters.AddWithValue("job_id", delivery.JobId);
        command.Parameters.AddWithValue("channel", delivery.Channel);
        command.Parameters.AddWithValue("event", delivery.Event);
        command.Parameters.AddWithValue("state", delivery.State.ToString());
        command.Parameters.AddWithValue("attempts", delivery.Attempts);
        command.Parameters.AddWithValue("created_at", delivery.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("next_attempt_at", delivery.NextAttemptAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("finished_at", NpgsqlDbType.TimestampTz) { Value = (object?)delivery.FinishedAt?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("last_error", NpgsqlDbType.Text) { Value = (object?)delivery.LastError ?? DBNull.Value });
    }

    private static JobDelivery ReadDelivery(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        JobId = reader.GetString(1),
        Channel = reader.GetString(2),
        Event = reader.GetString(3),
        State = Enum.Parse<DeliveryState>(reader.GetString(4)),
        Attempts = reader.GetInt32(5),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(6),
        NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(7),
        FinishedAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        LastError = reader.IsDBNull(9) ? null : reader.GetString(9),
    };

    private async Task<IReadOnlyList<JobDelivery>> QueryDeliveriesAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadRowsAsync(connection, sql, bind, ReadDelivery, cancellationToken);
    }
}
