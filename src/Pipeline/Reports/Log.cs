using Microsoft.Extensions.Logging;

namespace HotRepos.Reports;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Report {FileName}: top {Top} for q={Query}, {PageCount} pages of {PerPage}")]
    public static partial void ReportStarted(ILogger logger, string fileName, int top, string query, int pageCount, int perPage);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Report written to {Path}: {Repositories} repositories in {Groups} groups from {Pages} pages in {ElapsedMs} ms")]
    public static partial void ReportWritten(ILogger logger, string path, int repositories, int groups, int pages, long elapsedMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Report {FileName}: {Warning}")]
    public static partial void ReportWarning(ILogger logger, string fileName, string warning);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Report {FileName} failed: {Reason}")]
    public static partial void ReportFailed(ILogger logger, string fileName, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "Report {FileName}: {Searches} searches, slices: {Slices} (budget ceil(top/100) + slices + 1 + 10 per star count over 1,000 repositories = {Budget})")]
    public static partial void ReportSearches(ILogger logger, string fileName, int searches, int slices, int budget);
}
