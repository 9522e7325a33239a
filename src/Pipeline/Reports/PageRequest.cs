namespace HotRepos.Reports;

/// <summary>One page of one report to fetch.</summary>
internal sealed record PageRequest(string Query, int Page, int PerPage, int PageCount);
