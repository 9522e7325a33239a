using Microsoft.Extensions.Logging;

namespace HotRepos.Notifications;

// Channels are logged by name, never by URL: a Slack webhook URL is a secret.
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Delivery {DeliveryId} to {Channel} for job {JobId} delivered on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, string deliveryId, string channel, string jobId, int attempt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to {Channel}: attempt {Attempt} failed ({Reason}); next in {Delay}")]
    public static partial void DeliveryRetrying(ILogger logger, string deliveryId, string channel, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Delivery {DeliveryId} to {Channel} for job {JobId} given up after {Attempts} attempts: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string deliveryId, string channel, string jobId, int attempts, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Looking for due deliveries failed; trying again at the next poll")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Delivery {DeliveryId} stopped unexpectedly; it stays pending")]
    public static partial void DeliveryError(ILogger logger, Exception exception, string deliveryId);
}
