namespace HotRepos.App.Api;

internal sealed record ProgressResponse(int Done, int Total);
