namespace HotRepos.Reports;

/// <summary>How far a report has come.</summary>
/// <param name="PagesDone">Pages fetched so far.</param>
/// <param name="PagesTotal">Pages the report needs (it can grow when a page must be topped up).</param>
/// <param name="Repositories">Repositories received so far, before duplicates are removed.</param>
public readonly record struct ReportProgress(int PagesDone, int PagesTotal, int Repositories)
{
    /// <summary>Gets until when the report's pages are held for GitHub's rate limit, or <see langword="null"/> when none is.</summary>
    public DateTimeOffset? WaitingUntil { get; init; }
}
