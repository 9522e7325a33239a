namespace HotRepos.App.Api;

internal sealed record LinksResponse(string Self, string? Csv, string? Repositories);
