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

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Holding GitHub requests for {WaitMs} ms: {Reason}")]
    public static partial void GateHolding(ILogger logger, string reason, long waitMs);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "GitHub attempt failed ({Outcome}); retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string outcome, int attempt, long delayMs);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Secondary rate limit: fetching at most {Limit} pages at once for now")]
    public static partial void ConcurrencyLowered(ILogger logger, int limit);
}
