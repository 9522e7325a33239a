using Microsoft.Extensions.Logging;

namespace HotRepos.Scheduling;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Schedule {Schedule} due at {Due:u}: job {JobId} ({Outcome})")]
    public static partial void ScheduleQueued(ILogger logger, string schedule, DateTimeOffset due, string jobId, Jobs.EnqueueOutcome outcome);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Schedule {Schedule} due at {Due:u}: the queue is full; trying again at the next tick")]
    public static partial void ScheduleQueueFull(ILogger logger, string schedule, DateTimeOffset due);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Schedule {Schedule} failed")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception, string schedule);
}
