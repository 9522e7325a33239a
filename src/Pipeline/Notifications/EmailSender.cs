using System.Globalization;
using System.Net.Sockets;
using CsvHelper;
using CsvHelper.Configuration;
using HotRepos.Jobs;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace HotRepos.Notifications;

/// <summary>Mails one delivery over SMTP (MailKit): a plain-text body with the top of the report and the links, the CSV attached when asked.</summary>
internal sealed class EmailSender(NotificationText text)
{
    private const int TopRows = 10;
    private const int MaxRowLength = 160;

    public async Task SendAsync(EmailOptions email, JobDelivery delivery, JobRecord job, CancellationToken cancellationToken)
    {
        using var message = Message(email, delivery, job);
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(email.Host!, email.Port, SocketOptions(email.Security), cancellationToken);
            if (!string.IsNullOrEmpty(email.UserName))
            {
                await client.AuthenticateAsync(email.UserName, email.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (AuthenticationException ex)
        {
            throw new DeliveryFailedException($"the SMTP server refused the login of {email.UserName}: {ex.Message}", ex) { Permanent = true };
        }
        catch (SmtpCommandException ex)
        {
            // 5xx is the server's final word (unknown recipient, refused sender); 4xx asks to try later.
            throw new DeliveryFailedException($"the SMTP server answered {(int)ex.StatusCode}: {ex.Message}", ex) { Permanent = (int)ex.StatusCode >= 500 };
        }
        catch (Exception ex) when (ex is SmtpProtocolException or SocketException or IOException or SslHandshakeException)
        {
            throw new DeliveryFailedException($"could not talk to the SMTP server {email.Host}:{email.Port}: {ex.Message}", ex);
        }
    }

    private MimeMessage Message(EmailOptions email, JobDelivery delivery, JobRecord job)
    {
        var message = new MimeMessage
        {
            Subject = NotificationText.Subject(job),
            // The delivery id as Message-Id: a repeat after a crash is the same message to mail systems that dedupe.
            MessageId = $"{delivery.Id}@hotrepos",
        };
        message.From.Add(MailboxAddress.Parse(email.From!));
        message.To.AddRange(email.To!.Select(MailboxAddress.Parse));
        message.Headers.Add(WebhookSender.DeliveryHeader, delivery.Id);

        var csv = job.State == JobState.Succeeded && job.Result is { } result && File.Exists(result.FilePath) ? result.FilePath : null;
        var body = new BodyBuilder { TextBody = text.Mail(job, csv is null ? [] : ReadTop(csv)) };
        if (email.AttachCsv && csv is not null)
        {
            body.Attachments.Add(csv, File.ReadAllBytes(csv), new ContentType("text", "csv") { Charset = "utf-8" });
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    private static List<string> ReadTop(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = new List<string>();
        while (rows.Count <= TopRows && csv.Read())
        {
            var row = string.Join(" | ", csv.Record!.Take(4)).ReplaceLineEndings(" ");
            rows.Add(row.Length > MaxRowLength ? row[..MaxRowLength] + "…" : row);
        }

        return rows;
    }

    private static SecureSocketOptions SocketOptions(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
