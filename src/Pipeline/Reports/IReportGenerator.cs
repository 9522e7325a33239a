using HotRepos.Requests;

namespace HotRepos.Reports;

/// <summary>Produces hot-repository reports: the library's entry point for one report.</summary>
public interface IReportGenerator
{
    /// <summary>Validates and plans <paramref name="request"/> against today (UTC), then fetches, merges, groups and writes it.</summary>
    /// <param name="request">What to report.</param>
    /// <param name="progress">Told after every page; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the report; no file is left behind.</param>
    /// <returns>The written file and what it holds.</returns>
    /// <exception cref="ReportRequestException">The request has invalid fields.</exception>
    /// <exception cref="ReportFailedException">GitHub or the file system failed; the message says how.</exception>
    Task<ReportResult> GenerateAsync(ReportRequest request, IProgress<ReportProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fetches, merges, groups and writes a report planned before (<see cref="ReportPlan.Create"/>).</summary>
    /// <param name="plan">What to fetch and where to write it.</param>
    /// <param name="progress">Told after every page; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the report; no file is left behind.</param>
    /// <returns>The written file and what it holds.</returns>
    /// <exception cref="ReportFailedException">GitHub or the file system failed; the message says how.</exception>
    Task<ReportResult> GenerateAsync(ReportPlan plan, IProgress<ReportProgress>? progress = null, CancellationToken cancellationToken = default);
}
