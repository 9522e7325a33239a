using System.Text.Json.Nodes;
using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Tests.TestSupport;

namespace HotRepos.Tests.Notifications;

/// <summary>Webhooks end to end: a real job, the outbox, the dispatcher, and a receiver on a loopback socket.</summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private const string Secret = "s3cret-webhook-key";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task Webhook_FirstAttemptFails_ReceiverGetsExactlyOneMoreWithAValidSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, _) => Task.FromResult(n == 0 ? 503 : 204), Ct);
        await using var sut = await NotificationTestHost.StartAsync(o => o.Webhooks["ops"] = Webhook(receiver, origins: [NotificationOrigin.Api]), Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        var delivery = Assert.Single(await sut.WaitForDeliveriesAsync(job.Id, 1, Ct));

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Equal(2, delivery.Attempts);
        var received = receiver.Received;
        Assert.Equal([503, 204], received.Select(r => r.Status));
        Assert.All(received, r =>
        {
            Assert.Equal(delivery.Id, r.Header(WebhookSender.DeliveryHeader));
            Assert.True(WebhookSignature.IsValid(Secret, r.Body, r.Header(WebhookSignature.HeaderName)), "the signature matches the exact body");
            Assert.False(WebhookSignature.IsValid("another-key", r.Body, r.Header(WebhookSignature.HeaderName)));
        });
        var body = JsonNode.Parse(received[1].Body)!;
        Assert.Equal("report.succeeded", (string?)body["event"]);
        Assert.Equal(job.Id, (string?)body["job"]!["id"]);
        Assert.NotNull((string?)body["deliveredAt"]);
        Assert.Contains(job.RequestKey, (string?)body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_SlackFormat_PostsOnlyTheText()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200, Ct);
        await using var sut = await NotificationTestHost.StartAsync(
            o => o.Webhooks["slack"] = new WebhookOptions { Url = receiver.Url.ToString(), Format = WebhookFormat.Slack, Origins = [NotificationOrigin.Api] },
            Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        await sut.WaitForDeliveriesAsync(job.Id, 1, Ct);

        var body = JsonNode.Parse(Assert.Single(receiver.Received).Body)!.AsObject();
        Assert.Equal(["text"], body.Select(p => p.Key));
        Assert.StartsWith("HotRepos report ready: " + job.RequestKey, (string?)body["text"], StringComparison.Ordinal);
        Assert.Null(Assert.Single(receiver.Received).Header(WebhookSignature.HeaderName));
    }

    [Fact]
    public async Task Webhook_AnswersNotFound_FailsAtOnceWithTheErrorAndTheJobStaysSucceeded()
    {
        await using var receiver = await WebhookReceiver.StartAsync(404, Ct);
        await using var sut = await NotificationTestHost.StartAsync(o => o.Webhooks["gone"] = Webhook(receiver, origins: [NotificationOrigin.Api]), Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        var delivery = Assert.Single(await sut.WaitForDeliveriesAsync(job.Id, 1, Ct));

        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal("the webhook answered HTTP 404 Not Found", delivery.LastError);
        Assert.Single(receiver.Received);
        Assert.Equal(JobState.Succeeded, (await sut.Host.Store.GetAsync(job.Id, Ct))?.State);
    }

    [Fact]
    public async Task Webhook_FailingPastTheGiveUpTime_FailsWithTheLastError()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, Ct);
        await using var sut = await NotificationTestHost.StartAsync(
            o =>
            {
                o.Webhooks["down"] = Webhook(receiver, origins: [NotificationOrigin.Api]);
                o.GiveUpAfter = TimeSpan.Zero;
            },
            Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        var delivery = Assert.Single(await sut.WaitForDeliveriesAsync(job.Id, 1, Ct));

        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Equal("the webhook answered HTTP 500 Internal Server Error", delivery.LastError);
        Assert.Equal(delivery.Attempts, receiver.Received.Count);
        Assert.Equal(JobState.Succeeded, (await sut.Host.Store.GetAsync(job.Id, Ct))?.State);
    }

    [Fact]
    public async Task Webhook_FiltersOnFailedAndSchedule_SucceededApiJobGetsNoDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200, Ct);
        await using var sut = await NotificationTestHost.StartAsync(
            o =>
            {
                o.Webhooks["failures"] = Webhook(receiver, origins: [NotificationOrigin.Api], on: [JobState.Failed]);
                o.Webhooks["nightly"] = Webhook(receiver);
                o.Webhooks["api"] = Webhook(receiver, origins: [NotificationOrigin.Api]);
            },
            Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        var delivery = Assert.Single(await sut.WaitForDeliveriesAsync(job.Id, 1, Ct));

        Assert.Equal("webhook:api", delivery.Channel);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Webhook_Delivered_SecretAndUrlAppearInNoLogLine()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, _) => Task.FromResult(n == 0 ? 500 : 200), Ct);
        await using var sut = await NotificationTestHost.StartAsync(o => o.Webhooks["ops"] = Webhook(receiver, origins: [NotificationOrigin.Api]), Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        await sut.WaitForDeliveriesAsync(job.Id, 1, Ct);

        var lines = sut.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("delivered on attempt 2", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("tok3n", StringComparison.Ordinal));
    }

    public void Dispose() => _timeout.Dispose();

    private static WebhookOptions Webhook(WebhookReceiver receiver, NotificationOrigin[]? origins = null, JobState[]? on = null) =>
        new() { Url = receiver.Url.ToString(), Secret = Secret, Origins = origins, On = on };
}
