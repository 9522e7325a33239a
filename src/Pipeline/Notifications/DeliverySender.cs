using HotRepos.Jobs;
using Microsoft.Extensions.Options;

namespace HotRepos.Notifications;

/// <summary>Sends one attempt of a delivery through its channel, as the channel is configured now (its address and secret never leave the configuration).</summary>
internal sealed class DeliverySender(IJobStore store, WebhookSender webhooks, EmailSender email, IOptions<NotificationsOptions> options)
{
    public async Task SendAsync(JobDelivery delivery, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(delivery.JobId, cancellationToken) is not { } job)
        {
            throw new DeliveryFailedException($"the job {delivery.JobId} no longer exists") { Permanent = true };
        }

        var settings = options.Value;
        if (delivery.Channel == NotificationChannels.Email && settings.Email is { } mail)
        {
            await email.SendAsync(mail, delivery, job, cancellationToken);
        }
        else if (delivery.Channel.StartsWith(NotificationChannels.WebhookPrefix, StringComparison.Ordinal)
            && settings.Webhooks.TryGetValue(delivery.Channel[NotificationChannels.WebhookPrefix.Length..], out var webhook))
        {
            var deliveries = await store.ListDeliveriesAsync([job.Id], cancellationToken);
            await webhooks.SendAsync(webhook, delivery, job, deliveries, cancellationToken);
        }
        else
        {
            throw new DeliveryFailedException($"the channel {delivery.Channel} is no longer configured") { Permanent = true };
        }
    }
}
