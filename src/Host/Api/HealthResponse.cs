namespace HotRepos.App.Api;

internal sealed record HealthResponse(string Status, string Store, string Worker);
