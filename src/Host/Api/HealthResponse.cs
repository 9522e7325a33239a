namespace HotRepos.Host.Api;

internal sealed record HealthResponse(string Status, string Store, string Worker);
