namespace HotRepos.App.Api;

internal sealed record RisingResponse(IReadOnlyList<RepositoryResponse> Items);
