using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Tests.Jobs;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests.Notifications;

public sealed class NotificationTextTests
{
    [Fact]
    public void Chat_FailedJobWithAServerPathAndSlackControlsInItsError_ShowsTheFileNameOnlyEscaped()
    {
        var sut = new NotificationText(Options.Create(new NotificationsOptions { PublicUrl = "https://reports.example.com/" }));
        var job = TestJobs.Job(state: JobState.Failed) with { Error = "cannot write /srv/hotrepos/reports/x.csv: <!channel> & more" };

        var text = sut.Chat(job);

        Assert.Equal(
            $"HotRepos report failed: {job.RequestKey}\nThe job {job.Id} failed: cannot write x.csv: &lt;!channel&gt; &amp; more\nhttps://reports.example.com/api/reports/{job.Id}",
            text);
    }

    [Fact]
    public void Mail_SucceededJob_ListsTheLargestGroupsTheTopRowsAndBothLinks()
    {
        var sut = new NotificationText(Options.Create(new NotificationsOptions()));
        var job = TestJobs.FullJob() with { State = JobState.Succeeded };

        var text = sut.Mail(job, ["rank | name", "1 | octo/cat"]);

        Assert.Contains($"  {job.Result!.TopGroups[0].Name}: {job.Result.TopGroups[0].Repositories} repositories", text, StringComparison.Ordinal);
        Assert.Contains("Top of the report:" + Environment.NewLine + "  rank | name" + Environment.NewLine + "  1 | octo/cat", text, StringComparison.Ordinal);
        Assert.Contains($"Job: /api/reports/{job.Id}" + Environment.NewLine + $"CSV: /api/reports/{job.Id}/csv", text, StringComparison.Ordinal);
    }
}
