using HotRepos.Jobs;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HotRepos.Notifications;

/// <summary>
/// Checks every webhook and the e-mail settings at start, reporting all problems at once, each naming its key. A
/// secret is never repeated in a message, and neither is a webhook URL (a Slack URL holds a token).
/// </summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    private const string Section = NotificationsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var failures = new List<string>();
        foreach (var (webhook, settings) in options.Webhooks)
        {
            var key = $"{Section}:Webhooks:{webhook}";
            if (!IsHttpUrl(settings.Url))
            {
                failures.Add($"{key}:Url must be an absolute http or https URL");
            }

            CheckFilter(key, settings, failures);
        }

        if (options.Email is { } email)
        {
            CheckEmail($"{Section}:Email", email, failures);
        }

        if (options.PublicUrl is { Length: > 0 } publicUrl && !IsHttpUrl(publicUrl))
        {
            failures.Add($"{Section}:PublicUrl must be an absolute http or https URL; got '{publicUrl}'");
        }

        if (options.MaxRetryDelay < options.FirstRetryDelay)
        {
            failures.Add($"{Section}:MaxRetryDelay must not be shorter than {Section}:FirstRetryDelay");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEmail(string key, EmailOptions email, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(email.Host) || Uri.CheckHostName(email.Host.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"{key}:Host must be a host name or IP address; got '{email.Host}'");
        }

        if (email.Port is < 1 or > 65535)
        {
            failures.Add($"{key}:Port must be a whole number between 1 and 65535; got '{email.Port}'");
        }

        if (!IsMailbox(email.From))
        {
            failures.Add($"{key}:From must be an e-mail address; got '{email.From}'");
        }

        if (email.To is not { Length: > 0 })
        {
            failures.Add($"{key}:To must list at least one e-mail address");
        }
        else
        {
            failures.AddRange(email.To.Where(to => !IsMailbox(to)).Select(to => $"{key}:To must list e-mail addresses; got '{to}'"));
        }

        if (string.IsNullOrEmpty(email.UserName) != string.IsNullOrEmpty(email.Password))
        {
            failures.Add($"{key}: UserName and Password go together; set both or neither");
        }

        CheckFilter(key, email, failures);
    }

    private static void CheckFilter(string key, NotificationFilter filter, List<string> failures)
    {
        if (filter.On is { } on && (on.Length == 0 || on.Any(state => state is not (JobState.Succeeded or JobState.Failed))))
        {
            failures.Add($"{key}:On must list Succeeded, Failed or both; got '{string.Join(", ", on)}'");
        }

        if (filter.Origins is { Length: 0 })
        {
            failures.Add($"{key}:Origins must list Schedule, Api or both");
        }
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsMailbox(string? address) =>
        !string.IsNullOrWhiteSpace(address) && MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
