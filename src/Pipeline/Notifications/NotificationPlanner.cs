using System.Security.Cryptography;
using HotRepos.Jobs;
using Microsoft.Extensions.Options;

namespace HotRepos.Notifications;

/// <summary>Answers the job worker's "which notifications for this end?" from the configured channels and their filters.</summary>
internal sealed class NotificationPlanner(IOptions<NotificationsOptions> options, TimeProvider timeProvider) : IJobDeliveryPlanner
{
    public IReadOnlyList<JobDelivery> Plan(JobRecord finished)
    {
        var settings = options.Value;
        var channels = settings.Webhooks
            .Where(w => w.Value.Matches(finished))
            .Select(w => NotificationChannels.Webhook(w.Key))
            .ToList();
        if (settings.Email is { } email && email.Matches(finished))
        {
            channels.Add(NotificationChannels.Email);
        }

        var now = timeProvider.GetUtcNow();
        return channels.Select(channel => new JobDelivery
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            JobId = finished.Id,
            Channel = channel,
            Event = NotificationChannels.EventOf(finished.State),
            CreatedAt = now,
            NextAttemptAt = now,
        }).ToList();
    }
}
