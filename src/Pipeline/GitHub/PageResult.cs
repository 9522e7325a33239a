
namespace HotRepos.GitHub;

/// <summary>
/// The outcome of one page: its search page, or the exception that ended it. Failures travel as values
/// because a throwing delegate would fault its Dataflow block for good.
/// </summary>
internal sealed record PageResult(int Page, SearchPage? Search, Exception? Error)
{
    public bool Succeeded => Search is not null;

    public static PageResult Success(int page, SearchPage search) => new(page, search, null);

    public static PageResult Failure(int page, Exception error) => new(page, null, error);
}
