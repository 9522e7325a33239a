namespace HotRepos.Notifications;

/// <summary>One webhook (<c>HotRepos:Notifications:Webhooks:{name}</c>): a signed JSON POST when a matching job ends.</summary>
public sealed class WebhookOptions : NotificationFilter
{
    /// <summary>Gets or sets the address to POST to: an absolute <c>http</c> or <c>https</c> URL. It is treated as a secret (a Slack URL holds a token) and never logged.</summary>
    /// <value>The default value is none: required.</value>
    public string? Url { get; set; }

    /// <summary>Gets or sets the key of the <c>X-HotRepos-Signature-256</c> HMAC; without it the header is not sent. Never logged or shown.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Secret { get; set; }

    /// <summary>Gets or sets the body: <see cref="WebhookFormat.HotRepos"/> (event, job, text) or <see cref="WebhookFormat.Slack"/> (text only).</summary>
    /// <value>The default value is <see cref="WebhookFormat.HotRepos"/>.</value>
    public WebhookFormat Format { get; set; } = WebhookFormat.HotRepos;
}
