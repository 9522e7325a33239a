using HotRepos.GitHub;

namespace HotRepos.Reports;

/// <summary>
/// The outcome of one page: its search page, or the exception that ended it. Failures travel as values
/// because a throwing delegate would fault its Dataflow block for good.
/// </summary>
internal sealed record PageResult(int Page, SearchPage? Search, Exception? Error, TimeSpan Elapsed)
{
    public bool Succeeded => Search is not null;

    public static PageResult Success(int page, SearchPage search, TimeSpan elapsed) => new(page, search, null, elapsed);

    public static PageResult Failure(int page, Exception error, TimeSpan elapsed) => new(page, null, error, elapsed);
}
