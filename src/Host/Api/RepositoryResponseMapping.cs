using HotRepos.Reports;

namespace HotRepos.App.Api;

internal static class RepositoryResponseMapping
{
    public static RepositoryResponse ToResponse(this SnapshotRepository repository, bool withSince = false) => new(
        repository.Id,
        repository.Rank,
        repository.FullName,
        repository.HtmlUrl,
        repository.Description,
        repository.Stars,
        repository.Forks,
        repository.OpenIssues,
        repository.Movement?.Gained,
        repository.Movement?.PerDay,
        repository.Language,
        repository.Topics,
        repository.CreatedAt)
    {
        Since = withSince ? repository.Movement?.Since : null,
    };
}
