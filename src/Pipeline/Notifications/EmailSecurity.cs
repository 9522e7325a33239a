namespace HotRepos.Notifications;

/// <summary>How the SMTP connection is secured.</summary>
public enum EmailSecurity
{
    /// <summary>Plain text: only for a relay on a trusted network.</summary>
    None,

    /// <summary>Plain at first, then TLS through STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
