using Microsoft.Extensions.Logging;

namespace HotRepos.GitHub;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Page {Page}/{PageCount}: {Items} items, {Status}, {ElapsedMs} ms, rate limit remaining {Remaining}")]
    public static partial void PageFetched(ILogger logger, int page, int pageCount, int items, string status, long elapsedMs, int? remaining);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Page {Page}/{PageCount} failed after {ElapsedMs} ms: {Reason}")]
    public static partial void PageFailed(ILogger logger, int page, int pageCount, long elapsedMs, string reason);
}
