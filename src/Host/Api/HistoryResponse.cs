namespace HotRepos.App.Api;

internal sealed record HistoryResponse(long Id, string FullName, IReadOnlyList<HistoryPointResponse> Points);

internal sealed record HistoryPointResponse(DateTimeOffset ObservedAt, int Stars);
