using HotRepos.Jobs;

namespace HotRepos.Notifications;

/// <summary>How deliveries name their channel and event; the names are stored in the outbox and shown in the job JSON.</summary>
internal static class NotificationChannels
{
    public const string Email = "email";
    public const string WebhookPrefix = "webhook:";
    public const string Succeeded = "report.succeeded";
    public const string Failed = "report.failed";

    public static string Webhook(string name) => WebhookPrefix + name;

    public static string EventOf(JobState state) => state == JobState.Succeeded ? Succeeded : Failed;
}
