using HotRepos.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.Reports;

/// <summary>Runs a planned report through the process's <see cref="ReportGraph"/> and turns every failure into a reason a user understands.</summary>
internal sealed class ReportGenerator(
    ReportGraph graph,
    IOptions<ReportsOptions> reportsOptions,
    TimeProvider timeProvider,
    ILogger<ReportGenerator> logger) : IReportGenerator
{
    public Task<ReportResult> GenerateAsync(ReportRequest request, IProgress<ReportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        GenerateAsync(ReportPlan.Create(request, DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime)), progress, cancellationToken);

    public Task<ReportResult> GenerateAsync(ReportPlan plan, IProgress<ReportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        GenerateAsync(plan, progress, waitForRateLimitReset: false, cancellationToken);

    /// <summary>
    /// Generates a report. A caller that blocks on it gives up when GitHub's quota resets later than
    /// <c>MaxRateLimitWait</c>; a queued job (<paramref name="waitForRateLimitReset"/>) waits for the reset instead.
    /// </summary>
    public async Task<ReportResult> GenerateAsync(ReportPlan plan, IProgress<ReportProgress>? progress, bool waitForRateLimitReset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var path = Path.Combine(Path.GetFullPath(reportsOptions.Value.OutputDirectory), plan.FileName);
        Log.ReportStarted(logger, plan.FileName, plan.Top, plan.Query, plan.PageCount, plan.PerPage);
        try
        {
            var result = await graph.RunAsync(plan, path, progress, waitForRateLimitReset, cancellationToken);
            foreach (var warning in result.Warnings)
            {
                Log.ReportWarning(logger, plan.FileName, warning);
            }

            var budget = ReportAssembler.SearchBudget(plan.Top, result.Slices, result.CrowdedStarCounts);
            Log.ReportSearches(logger, plan.FileName, result.PagesFetched, result.Slices, budget);
            Log.ReportWritten(logger, result.FilePath, result.Repositories, result.Groups, result.PagesFetched, (long)result.Elapsed.TotalMilliseconds);
            return result;
        }
        catch (ReportFailedException ex)
        {
            Log.ReportFailed(logger, plan.FileName, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = $"cannot write {path}: {ex.Message}";
            Log.ReportFailed(logger, plan.FileName, reason);
            throw new ReportFailedException(reason, ex);
        }
    }
}
