using HotRepos.Ranking;

namespace HotRepos.Host.Api;

internal sealed record ResultResponse(string FileName, int Repositories, int Groups, int TotalMatches, int PagesFetched, long ElapsedMs, IReadOnlyList<GroupSummary> TopGroups);
