using System.ComponentModel.DataAnnotations;

namespace HotRepos.Notifications;

/// <summary>E-mail notifications (<c>HotRepos:Notifications:Email</c>): a plain-text mail over SMTP when a matching job ends.</summary>
public sealed class EmailOptions : NotificationFilter
{
    /// <summary>Gets or sets the SMTP server's host name.</summary>
    /// <value>The default value is none: required.</value>
    public string? Host { get; set; }

    /// <summary>Gets or sets the SMTP server's port.</summary>
    /// <value>The default value is 587 (submission with STARTTLS).</value>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Gets or sets how the connection is secured.</summary>
    /// <value>The default value is <see cref="EmailSecurity.StartTls"/>.</value>
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>Gets or sets the user to log in as; without it, no login.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password of <see cref="UserName"/>. Never logged or shown.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender, <c>reports@example.com</c> or <c>HotRepos &lt;reports@example.com&gt;</c>.</summary>
    /// <value>The default value is none: required.</value>
    public string? From { get; set; }

    /// <summary>Gets or sets the recipients.</summary>
    /// <value>The default value is none: at least one is required.</value>
    public string[]? To { get; set; }

    /// <summary>Gets or sets whether a succeeded report's CSV is attached.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AttachCsv { get; set; }
}
