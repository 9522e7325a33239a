using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.Reports;

/// <summary>Validates a request, plans it, runs its pipeline and turns every failure into a reason a user understands.</summary>
internal sealed class ReportGenerator(
    ReportPipeline pipeline,
    IOptions<ReportsOptions> reportsOptions,
    TimeProvider timeProvider,
    ILogger<ReportGenerator> logger) : IReportGenerator
{
    public async Task<ReportResult> GenerateAsync(ReportRequest request, IProgress<ReportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var errors = request.Validate(today);
        if (errors.Count > 0)
        {
            throw new ReportRequestException(errors);
        }

        var plan = ReportPlan.Create(request, today);
        var path = Path.Combine(Path.GetFullPath(reportsOptions.Value.OutputDirectory), plan.FileName);
        Log.ReportStarted(logger, plan.FileName, plan.Top, plan.Query, plan.PageCount, plan.PerPage);
        try
        {
            var result = await pipeline.RunAsync(plan, path, progress, cancellationToken);
            foreach (var warning in result.Warnings)
            {
                Log.ReportWarning(logger, plan.FileName, warning);
            }

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
