namespace HotRepos.Notifications;

/// <summary>The body a webhook gets.</summary>
public enum WebhookFormat
{
    /// <summary><c>{ "event", "job", "deliveredAt", "text" }</c>; its <c>text</c> also suits Slack-compatible receivers.</summary>
    HotRepos,

    /// <summary><c>{ "text" }</c> only, for a Slack incoming webhook that should see nothing else.</summary>
    Slack,
}
