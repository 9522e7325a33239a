using HotRepos.Ranking;

namespace HotRepos.App.Api;

internal sealed record ResultResponse(string FileName, int Repositories, int Groups, int TotalMatches, int PagesFetched, long ElapsedMs, IReadOnlyList<GroupSummary> TopGroups);
