using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Tests.Jobs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.Tests.Notifications;

public sealed class NotificationPlannerTests
{
    private readonly FakeTimeProvider _time = new(TestJobs.T0);

    [Theory]
    [InlineData("schedule:nightly", JobState.Succeeded, true)]
    [InlineData("schedule:nightly", JobState.Failed, true)]
    [InlineData("schedule:nightly", JobState.Cancelled, false)]
    [InlineData("api", JobState.Succeeded, false)]
    [InlineData("cli", JobState.Succeeded, false)]
    [InlineData("library", JobState.Failed, false)]
    public void Plan_DefaultFilters_NotifiesScheduledJobsThatSucceededOrFailed(string origin, JobState state, bool notified)
    {
        var sut = CreateSut(new WebhookOptions { Url = "https://example.com/hook" });

        var deliveries = sut.Plan(Finished(origin, state));

        Assert.Equal(notified ? 1 : 0, deliveries.Count);
    }

    [Theory]
    [InlineData("api", JobState.Failed, true)]
    [InlineData("api", JobState.Succeeded, false)]
    [InlineData("schedule:weekly", JobState.Failed, true)]
    [InlineData("schedule:weekly", JobState.Succeeded, false)]
    [InlineData("cli", JobState.Failed, false)]
    public void Plan_OnFailedFromScheduleAndApi_NotifiesFailuresOfBoth(string origin, JobState state, bool notified)
    {
        var sut = CreateSut(new WebhookOptions { Url = "https://example.com/hook", On = [JobState.Failed], Origins = [NotificationOrigin.Schedule, NotificationOrigin.Api] });

        var deliveries = sut.Plan(Finished(origin, state));

        Assert.Equal(notified ? 1 : 0, deliveries.Count);
    }

    [Fact]
    public void Plan_WebhooksAndEmail_OnePendingDeliveryPerMatchingChannelDueNow()
    {
        var options = new NotificationsOptions
        {
            Email = new EmailOptions { Host = "smtp.example.com", From = "a@example.com", To = ["b@example.com"], On = [JobState.Succeeded] },
        };
        options.Webhooks["ops"] = new WebhookOptions { Url = "https://example.com/ops" };
        options.Webhooks["failures"] = new WebhookOptions { Url = "https://example.com/failures", On = [JobState.Failed] };
        var sut = new NotificationPlanner(Options.Create(options), _time);
        var job = Finished("schedule:nightly", JobState.Succeeded);

        var deliveries = sut.Plan(job);

        Assert.Equal(["webhook:ops", "email"], deliveries.Select(d => d.Channel));
        Assert.All(deliveries, d =>
        {
            Assert.Equal(job.Id, d.JobId);
            Assert.Equal("report.succeeded", d.Event);
            Assert.Equal(DeliveryState.Pending, d.State);
            Assert.Equal(0, d.Attempts);
            Assert.Equal(TestJobs.T0, d.CreatedAt);
            Assert.Equal(TestJobs.T0, d.NextAttemptAt);
            Assert.Matches("^[0-9a-f]{32}$", d.Id);
        });
        Assert.NotEqual(deliveries[0].Id, deliveries[1].Id);
    }

    private static JobRecord Finished(string origin, JobState state) => TestJobs.Job(state: state) with { Origin = origin };

    private NotificationPlanner CreateSut(WebhookOptions webhook)
    {
        var options = new NotificationsOptions();
        options.Webhooks["hook"] = webhook;
        return new NotificationPlanner(Options.Create(options), _time);
    }
}
