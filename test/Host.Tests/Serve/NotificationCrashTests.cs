using System.Text.Json.Nodes;
using HotRepos.App.Tests.Api;
using HotRepos.GitHubEmulator;
using HotRepos.Notifications;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;

namespace HotRepos.App.Tests.Serve;

/// <summary>The real service on SQLite, killed with SIGKILL after a job succeeded and before its webhook was acknowledged.</summary>
public sealed class NotificationCrashTests : IDisposable
{
    private const string Secret = "crash-test-secret";
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-notify-crash-").FullName;

    [Fact]
    public async Task Serve_KilledBeforeTheWebhookWasAcknowledged_DeliversExactlyOnceAfterRestartAndNeverAgain()
    {
        var today = new DateOnly(2026, 11, 20);
        await using var emulator = await GitHubEmulatorServer.StartAsync(EmulatorOptions.Unthrottled(today), CancellationToken.None);

        // The first request is held until its sender is dead, so it is never acknowledged; every later one gets a 200.
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookReceiver.StartAsync(
            async (n, aborted) =>
            {
                if (n == 0)
                {
                    await killed.Task.WaitAsync(aborted).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                return 200;
            },
            CancellationToken.None);
        var environment = new Dictionary<string, string>
        {
            ["HOTREPOS__GITHUB__BASEURL"] = emulator.BaseUrl.ToString(),
            ["HOTREPOS__JOBS__STORE"] = "Sqlite",
            ["HOTREPOS__JOBS__DATADIRECTORY"] = Path.Combine(_root, "data"),
            ["HOTREPOS__REPORTS__OUTPUTDIRECTORY"] = Path.Combine(_root, "reports"),
            ["HOTREPOS__SCHEDULES__NIGHTLY__ENABLED"] = "false",
            ["HOTREPOS__SCHEDULES__WEEKLY__ENABLED"] = "false",
            ["HOTREPOS__NOTIFICATIONS__WEBHOOKS__OPS__URL"] = receiver.Url.ToString(),
            ["HOTREPOS__NOTIFICATIONS__WEBHOOKS__OPS__SECRET"] = Secret,
            ["HOTREPOS__NOTIFICATIONS__WEBHOOKS__OPS__ORIGINS__0"] = "Api",
            ["HOTREPOS__NOTIFICATIONS__POLLINTERVAL"] = "00:00:00.100",
            ["HOTREPOS__NOTIFICATIONS__FIRSTRETRYDELAY"] = "00:00:00.100",
            ["HOTREPOS__NOTIFICATIONS__ATTEMPTTIMEOUT"] = "00:00:01",
        };
        var date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        string id;
        await using (var first = await ServeProcess.StartAsync(_root, environment))
        {
            id = (await (await first.Client.PostReportAsync(new { period = "week", top = 30, date })).ReadJsonAsync()).Id();
            var succeeded = await first.Client.WaitForStateAsync(id, "Succeeded", "Failed");
            Assert.True(succeeded.State() == "Succeeded", first.Output);
            await Polling.WaitUntilAsync(() => receiver.Arrivals == 1, TimeSpan.FromSeconds(30), CancellationToken.None, "the webhook's first request to arrive");
            var pending = Assert.Single((await first.Client.GetJobAsync(id))["deliveries"]!.AsArray())!;
            Assert.Equal("Pending", (string?)pending["state"]);
            await first.KillAsync();
        }

        killed.SetResult();
        await Polling.WaitUntilAsync(() => receiver.Received.Count == 1, TimeSpan.FromSeconds(30), CancellationToken.None, "the held request to end");
        Assert.False(receiver.Received[0].Acknowledged, "the first request's sender died before the answer");

        string deliveryId;
        await using (var second = await ServeProcess.StartAsync(_root, environment))
        {
            var job = await second.Client.WaitForJobAsync(id, j => (string?)j["deliveries"]![0]!["state"] != "Pending");
            var delivery = Assert.Single(job["deliveries"]!.AsArray())!;
            Assert.True((string?)delivery["state"] == "Delivered", second.Output);
            deliveryId = (string)delivery["id"]!;
            await second.KillAsync();
        }

        // A third run: its own new delivery goes out, the acknowledged one never again.
        await using var third = await ServeProcess.StartAsync(_root, environment);
        var other = (await (await third.Client.PostReportAsync(new { period = "week", top = 40, date })).ReadJsonAsync()).Id();
        await third.Client.WaitForJobAsync(other, j => j["deliveries"]!.AsArray() is [{ } d] && (string?)d["state"] == "Delivered");

        var sameDelivery = receiver.Received.Where(r => r.Header(WebhookSender.DeliveryHeader) == deliveryId).ToList();
        Assert.Equal(2, sameDelivery.Count);
        Assert.Single(sameDelivery, r => r.Acknowledged);
        Assert.All(sameDelivery, r => Assert.True(WebhookSignature.IsValid(Secret, r.Body, r.Header(WebhookSignature.HeaderName))));
        Assert.All(sameDelivery, r => Assert.Equal(id, (string?)JsonNode.Parse(r.Body)!["job"]!["id"]));
        Assert.Equal(3, receiver.Arrivals);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
