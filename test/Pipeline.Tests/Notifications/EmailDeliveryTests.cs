using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Tests.TestSupport;
using MimeKit;

namespace HotRepos.Tests.Notifications;

/// <summary>E-mail end to end: a real job, the outbox, MailKit, and an SMTP server on a loopback port.</summary>
public sealed class EmailDeliveryTests : IDisposable
{
    private const string Password = "smtp-pa55word";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task Email_AttachCsv_SmtpServerReceivesTheMailWithTheReportAttached()
    {
        await using var smtp = SmtpReceiver.Start();
        await using var sut = await NotificationTestHost.StartAsync(o => o.Email = Email(smtp, attachCsv: true), Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct, top: 30);
        var delivery = Assert.Single(await sut.WaitForDeliveriesAsync(job.Id, 1, Ct));

        Assert.Equal(DeliveryState.Delivered, delivery.State);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("HotRepos report ready: " + job.RequestKey, message.Subject);
        Assert.Equal(["ops@example.com", "dev@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal($"{delivery.Id}@hotrepos", message.MessageId);
        Assert.Contains($"/api/reports/{job.Id}/csv", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Top of the report:", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(job.RequestKey, attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content, Ct);
        Assert.Equal(await File.ReadAllBytesAsync(job.Result!.FilePath, Ct), content.ToArray());
        Assert.Equal([("hotrepos", Password)], smtp.Logins);
        Assert.DoesNotContain(sut.Logs.Lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Email_WithoutAttachCsv_SendsTheTextOnly()
    {
        await using var smtp = SmtpReceiver.Start();
        await using var sut = await NotificationTestHost.StartAsync(o => o.Email = Email(smtp, attachCsv: false), Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        await sut.WaitForDeliveriesAsync(job.Id, 1, Ct);

        var message = Assert.Single(smtp.Messages);
        Assert.Empty(message.Attachments);
        Assert.Contains($"/api/reports/{job.Id}", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_ServerNotListening_RetriesUntilTheGiveUpTimeThenFailsWithTheLastError()
    {
        int port;
        await using (var closed = SmtpReceiver.Start())
        {
            port = closed.Port;
        }

        await using var sut = await NotificationTestHost.StartAsync(
            o =>
            {
                o.Email = new EmailOptions { Host = "127.0.0.1", Port = port, Security = EmailSecurity.None, From = "reports@example.com", To = ["ops@example.com"], Origins = [NotificationOrigin.Api] };
                o.GiveUpAfter = TimeSpan.FromMilliseconds(200);
            },
            Ct);

        var job = await sut.RunJobAsync(JobOrigins.Api, Ct);
        var delivery = Assert.Single(await sut.WaitForDeliveriesAsync(job.Id, 1, Ct));

        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.StartsWith($"could not talk to the SMTP server 127.0.0.1:{port}", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(JobState.Succeeded, (await sut.Host.Store.GetAsync(job.Id, Ct))?.State);
    }

    public void Dispose() => _timeout.Dispose();

    private static EmailOptions Email(SmtpReceiver smtp, bool attachCsv) => new()
    {
        Host = "127.0.0.1",
        Port = smtp.Port,
        Security = EmailSecurity.None,
        UserName = "hotrepos",
        Password = Password,
        From = "HotRepos <reports@example.com>",
        To = ["ops@example.com", "dev@example.com"],
        Origins = [NotificationOrigin.Api],
        AttachCsv = attachCsv,
    };
}
