using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HotRepos.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.Notifications;

/// <summary>POSTs one delivery to a webhook: the JSON body, its signature and the delivery id. A 2xx answer is the acknowledgement.</summary>
internal sealed class WebhookSender(IHttpClientFactory clients, IJobJsonWriter jobWriter, NotificationText text, TimeProvider timeProvider)
{
    public const string DeliveryHeader = "X-HotRepos-Delivery";
    public const string EventHeader = "X-HotRepos-Event";

    public async Task SendAsync(WebhookOptions webhook, JobDelivery delivery, JobRecord job, IReadOnlyList<JobDelivery> deliveries, CancellationToken cancellationToken)
    {
        var body = Body(webhook, delivery, job, deliveries);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = content };
        request.Headers.Add(DeliveryHeader, delivery.Id);
        request.Headers.Add(EventHeader, delivery.Event);
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(webhook.Secret, body));
        }

        HttpResponseMessage response;
        try
        {
            using var http = clients.CreateClient(HotReposServiceCollectionExtensions.WebhookHttpClientName);
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // Only the kind of failure: the exception's message can name the URL, whose path may hold a token (Slack's does).
            throw new DeliveryFailedException($"could not reach the webhook: {ex.HttpRequestError}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                throw new DeliveryFailedException($"the webhook answered HTTP {code} {response.ReasonPhrase}".TrimEnd())
                {
                    // Gone, not found, refused: a retry gets the same answer. Timeouts and rate limits pass.
                    Permanent = code is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
                };
            }
        }
    }

    private byte[] Body(WebhookOptions webhook, JobDelivery delivery, JobRecord job, IReadOnlyList<JobDelivery> deliveries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (webhook.Format == WebhookFormat.HotRepos)
            {
                writer.WriteString("event", delivery.Event);
                writer.WriteString("deliveryId", delivery.Id);
                writer.WritePropertyName("job");
                jobWriter.Write(writer, job, deliveries);
                writer.WriteString("deliveredAt", timeProvider.GetUtcNow());
            }

            writer.WriteString("text", text.Chat(job));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
