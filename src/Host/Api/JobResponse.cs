using HotRepos.Jobs;

namespace HotRepos.App.Api;

internal sealed record JobResponse(
    string Id,
    JobState State,
    RequestResponse Request,
    ProgressResponse Progress,
    DateTimeOffset? WaitingUntil,
    string Origin,
    int Attempt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string> Warnings,
    string? Error,
    ResultResponse? Result,
    IReadOnlyList<DeliveryResponse> Deliveries,
    LinksResponse Links);
