namespace HotRepos.Jobs;

/// <summary>
/// One notification about a job's end, kept in the job store as an outbox row: written in the same transaction as the
/// job's final state, then sent by the dispatcher. It names its channel, never the channel's address or secret, which
/// stay in the configuration.
/// </summary>
public sealed record JobDelivery
{
    /// <summary>Gets the delivery id: 32 lowercase hex digits, sent with every attempt so a receiver can ignore a repeat.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the job the delivery is about.</summary>
    public required string JobId { get; init; }

    /// <summary>Gets the configured channel: <c>webhook:NAME</c> or <c>email</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Gets what happened: <c>report.succeeded</c> or <c>report.failed</c>.</summary>
    public required string Event { get; init; }

    /// <summary>Gets the state.</summary>
    public DeliveryState State { get; init; } = DeliveryState.Pending;

    /// <summary>Gets how many attempts have started.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets when the delivery was stored (with the job's end).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when a pending delivery may be tried next.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>Gets when it was delivered or given up.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets why the last attempt failed, in words; never holds a secret.</summary>
    public string? LastError { get; init; }
}
