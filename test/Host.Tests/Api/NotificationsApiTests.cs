using System.Text.Json.Nodes;
using HotRepos.Notifications;
using HotRepos.Tests.TestSupport;

namespace HotRepos.App.Tests.Api;

/// <summary>Notifications as the service's users see them: the job JSON's deliveries, and a webhook body carrying that same job JSON.</summary>
public sealed class NotificationsApiTests
{
    private const string Secret = "api-test-webhook-secret";
    private static readonly string Date = ApiClient.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GetReport_WebhookDelivered_ShowsTheDeliveryAndTheBodyCarriesTheSameJobJson()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200, CancellationToken.None);
        await using var app = await StartAsync(receiver);
        using var client = app.CreateClient();

        var id = (await (await client.PostReportAsync(new { period = "week", top = 20, date = Date })).ReadJsonAsync()).Id();
        var job = await client.WaitForJobAsync(id, j => j["deliveries"]!.AsArray() is [{ } d] && (string?)d["state"] != "Pending");

        var delivery = Assert.Single(job["deliveries"]!.AsArray())!;
        Assert.Equal("webhook:ops", (string?)delivery["channel"]);
        Assert.Equal("report.succeeded", (string?)delivery["event"]);
        Assert.Equal("Delivered", (string?)delivery["state"]);
        Assert.Null(delivery["lastError"]);
        var received = Assert.Single(receiver.Received);
        Assert.Equal((string?)delivery["id"], received.Header("X-HotRepos-Delivery"));
        Assert.True(WebhookSignature.IsValid(Secret, received.Body, received.Header(WebhookSignature.HeaderName)));

        // The same job as GET answers; only the delivery's own state moved on since it was sent.
        var sent = JsonNode.Parse(received.Body)!["job"]!.AsObject();
        Assert.Equal("Pending", (string?)sent["deliveries"]![0]!["state"]);
        sent.Remove("deliveries");
        job.Remove("deliveries");
        Assert.Equal(job.ToJsonString(), sent.ToJsonString());
    }

    [Fact]
    public async Task GetReports_WebhookRefused_ShowsFailedWithTheLastErrorAndNeverTheSecretOrUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync(410, CancellationToken.None);
        await using var app = await StartAsync(receiver);
        using var client = app.CreateClient();

        var id = (await (await client.PostReportAsync(new { period = "week", top = 20, date = Date })).ReadJsonAsync()).Id();
        var job = await client.WaitForJobAsync(id, j => j["deliveries"]!.AsArray() is [{ } d] && (string?)d["state"] != "Pending");
        var list = await client.GetStringAsync("/api/reports");
        var single = await client.GetStringAsync($"/api/reports/{id}");

        Assert.Equal("Succeeded", job.State());
        var delivery = Assert.Single(job["deliveries"]!.AsArray())!;
        Assert.Equal("Failed", (string?)delivery["state"]);
        Assert.Equal("the webhook answered HTTP 410 Gone", (string?)delivery["lastError"]);
        Assert.Contains("\"lastError\":\"the webhook answered HTTP 410 Gone\"", list, StringComparison.Ordinal);
        foreach (var answer in new[] { list, single })
        {
            Assert.DoesNotContain(Secret, answer, StringComparison.Ordinal);
            Assert.DoesNotContain("tok3n", answer, StringComparison.Ordinal);
        }
    }

    private static Task<HotReposApplication> StartAsync(WebhookReceiver receiver) =>
        HotReposApplication.StartAsync(settings: new Dictionary<string, string?>
        {
            ["HotRepos:Notifications:Webhooks:ops:Url"] = receiver.Url.ToString(),
            ["HotRepos:Notifications:Webhooks:ops:Secret"] = Secret,
            ["HotRepos:Notifications:Webhooks:ops:Origins:0"] = "Api",
            ["HotRepos:Notifications:PollInterval"] = "00:00:00.050",
        });
}
