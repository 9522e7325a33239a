using HotRepos.Jobs;
using HotRepos.Notifications;

namespace HotRepos.Tests.Notifications;

public sealed class NotificationsOptionsValidatorTests
{
    [Fact]
    public void Validate_GoodWebhookAndEmail_Succeeds()
    {
        var options = new NotificationsOptions { Email = GoodEmail(), PublicUrl = "https://reports.example.com" };
        options.Webhooks["slack"] = new WebhookOptions { Url = "https://hooks.slack.com/services/T0/B0/x", Format = WebhookFormat.Slack };

        var result = new NotificationsOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative/hook")]
    [InlineData("")]
    public void Validate_WebhookUrlNotHttp_FailsNamingTheKeyWithoutEchoingTheUrl(string url)
    {
        var options = new NotificationsOptions();
        options.Webhooks["ops"] = new WebhookOptions { Url = url, Secret = "hidden-secret" };

        var result = new NotificationsOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Equal("HotRepos:Notifications:Webhooks:ops:Url must be an absolute http or https URL", failure);
        Assert.DoesNotContain("hidden-secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadEmail_ReportsEveryProblemAtOnceWithoutThePassword()
    {
        var email = new EmailOptions { Host = "", Port = 70000, From = "nobody", To = ["ok@example.com", "broken"], Password = "hidden-password", On = [JobState.Running] };

        var result = new NotificationsOptionsValidator().Validate(null, new NotificationsOptions { Email = email });

        Assert.Equal(
            [
                "HotRepos:Notifications:Email:Host must be a host name or IP address; got ''",
                "HotRepos:Notifications:Email:Port must be a whole number between 1 and 65535; got '70000'",
                "HotRepos:Notifications:Email:From must be an e-mail address; got 'nobody'",
                "HotRepos:Notifications:Email:To must list e-mail addresses; got 'broken'",
                "HotRepos:Notifications:Email: UserName and Password go together; set both or neither",
                "HotRepos:Notifications:Email:On must list Succeeded, Failed or both; got 'Running'",
            ],
            result.Failures!);
        Assert.DoesNotContain(result.Failures!, f => f.Contains("hidden-password", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmailWithoutRecipients_Fails()
    {
        var email = GoodEmail();
        email.To = [];

        var result = new NotificationsOptionsValidator().Validate(null, new NotificationsOptions { Email = email });

        Assert.Equal(["HotRepos:Notifications:Email:To must list at least one e-mail address"], result.Failures!);
    }

    private static EmailOptions GoodEmail() => new() { Host = "smtp.example.com", Port = 465, Security = EmailSecurity.SslOnConnect, From = "HotRepos <reports@example.com>", To = ["ops@example.com"] };
}
