namespace HotRepos.Host.Api;

internal sealed record LinksResponse(string Self, string? Csv);
