using System.Text.Json.Nodes;
using HotRepos.App.Tests.Api;
using HotRepos.GitHubEmulator;
using HotRepos.Notifications;
using HotRepos.Tests.TestSupport;

namespace HotRepos.App.Tests.Serve;

/// <summary>Snapshots and notifications with instances sharing one PostgreSQL database.</summary>
public sealed partial class SeveralInstancesTests
{
    private const string WebhookSecret = "several-instances-secret";

    [PostgresFact]
    public async Task Serve_TwoInstancesWithAWebhook_EitherAnswersEveryReportsRepositoriesAndEachDeliveryIsSentOnce()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(EmulatorOptions.Unthrottled(Today), CancellationToken.None);
        await using var receiver = await WebhookReceiver.StartAsync((_, _) => Task.FromResult(200), CancellationToken.None);
        var extra = new Dictionary<string, string>
        {
            ["HOTREPOS__NOTIFICATIONS__WEBHOOKS__OPS__URL"] = receiver.Url.ToString(),
            ["HOTREPOS__NOTIFICATIONS__WEBHOOKS__OPS__SECRET"] = WebhookSecret,
            ["HOTREPOS__NOTIFICATIONS__WEBHOOKS__OPS__ORIGINS__0"] = "Api",
            ["HOTREPOS__NOTIFICATIONS__POLLINTERVAL"] = "00:00:00.100",
        };
        var instances = await StartInstancesAsync(2, emulator, await server.CreateDatabaseAsync(), extra);

        // Four reports, posted to the two instances in turn; whichever instance runs one, both dispatchers see its delivery.
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var body = new { since = Text(Today.AddDays(-20 + i)), top = 30, layout = "ranked", date = Text(Today) };
            ids.Add((await (await instances[i % 2].Client.PostReportAsync(body)).ReadJsonAsync()).Id());
        }

        foreach (var id in ids)
        {
            var job = await instances[1].Client.WaitForJobAsync(id, j => j["deliveries"]!.AsArray() is [{ } d] && (string?)d["state"] != "Pending");
            Assert.True(job.State() == "Succeeded", $"{id}: {job["error"]}\n{instances[0].Output}\n{instances[1].Output}");
            Assert.Equal("Delivered", (string?)job["deliveries"]![0]!["state"]);
        }

        // One more report, delivered after the others: both dispatchers polled many times while it ran.
        var last = (await (await instances[0].Client.PostReportAsync(new { top = 10, date = Text(Today) })).ReadJsonAsync()).Id();
        await instances[1].Client.WaitForJobAsync(last, j => j["deliveries"]!.AsArray() is [{ } d] && (string?)d["state"] == "Delivered");
        ids.Add(last);

        var byJob = receiver.Received.GroupBy(r => (string?)JsonNode.Parse(r.Body)!["job"]!["id"]).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal(ids.Order(), byJob.Keys.Order());
        Assert.All(byJob.Values, requests => Assert.Single(requests));
        Assert.All(receiver.Received, r => Assert.True(r.Acknowledged && WebhookSignature.IsValid(WebhookSecret, r.Body, r.Header(WebhookSignature.HeaderName))));
        Assert.Equal(ids.Count, receiver.Received.Select(r => r.Header(WebhookSender.DeliveryHeader)).Distinct().Count());

        // Each report's repositories, as either instance answers them, are the rows of its CSV.
        var names = new Dictionary<string, List<string>>();
        foreach (var id in ids)
        {
            var pages = new List<List<string>>();
            foreach (var instance in instances)
            {
                var page = JsonNode.Parse(await instance.Client.GetStringAsync($"/api/reports/{id}/repositories?limit=100"))!;
                pages.Add([.. page["items"]!.AsArray().Select(r => (string)r!["fullName"]!)]);
                Assert.Equal(pages[^1].Count, (int)page["total"]!);
            }

            Assert.Equal(pages[0], pages[1]);
            names[id] = pages[0];
        }

        foreach (var id in ids.Take(4))
        {
            Assert.Equal(CsvRows.Read(await instances[0].Client.GetByteArrayAsync($"/api/reports/{id}/csv")).Skip(1).Select(r => r[1]), names[id]);
        }

        // A repository's history has one point per report that held it, from either instance.
        var repository = names[ids[0]][0];
        foreach (var instance in instances)
        {
            var history = JsonNode.Parse(await instance.Client.GetStringAsync($"/api/repositories/{repository}/history"))!;
            Assert.Equal(repository, (string?)history["fullName"]);
            Assert.Equal(names.Values.Count(n => n.Contains(repository)), history["points"]!.AsArray().Count);
        }
    }
}
