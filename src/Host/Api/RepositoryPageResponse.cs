namespace HotRepos.App.Api;

internal sealed record RepositoryPageResponse(IReadOnlyList<RepositoryResponse> Items, int Total);
