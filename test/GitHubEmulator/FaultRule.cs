namespace HotRepos.GitHubEmulator;

/// <summary>
/// A targeted fault: applies to requests for <paramref name="Page"/> (null = every page) whose <c>q</c> contains
/// <paramref name="QueryContains"/> (null = any), on the first <paramref name="Attempts"/> attempts of that
/// (q, per_page, page) (null = every attempt: a never-ending outage).
/// </summary>
internal sealed record FaultRule(FaultKind Kind, int? Page = null, int? Attempts = null, string? QueryContains = null);
