using HotRepos.Jobs;

namespace HotRepos.App.Api;

/// <summary>One notification of a job's end as the API shows it: its channel by name, never its address or secret.</summary>
internal sealed record DeliveryResponse(string Id, string Channel, string Event, DeliveryState State, int Attempts, DateTimeOffset? FinishedAt, string? LastError);
