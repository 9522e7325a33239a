namespace HotRepos.Host.Api;

internal sealed record ProgressResponse(int Done, int Total);
