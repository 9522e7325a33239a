using System.ComponentModel.DataAnnotations;

namespace HotRepos.Notifications;

/// <summary>Who is told when a report job ends, and how hard delivery tries (configuration section <c>HotRepos:Notifications</c>).</summary>
public sealed class NotificationsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "HotRepos:Notifications";

    /// <summary>Gets the webhooks by name (<c>HotRepos:Notifications:Webhooks:{name}</c>).</summary>
    /// <value>The default value is none.</value>
    public Dictionary<string, WebhookOptions> Webhooks { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the e-mail notification, or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
#pragma warning disable SYSLIB1212 // Not validated member by member here: NotificationsOptionsValidator checks it, with messages naming each key.
    public EmailOptions? Email { get; set; }
#pragma warning restore SYSLIB1212

    /// <summary>Gets or sets the address the service is reached at (<c>https://reports.example.com</c>), for links in messages; without it links are paths.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? PublicUrl { get; set; }

    /// <summary>Gets or sets how long after the job's end a delivery is still tried; then it is <c>Failed</c> with its last error.</summary>
    /// <value>The default value is 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the wait before the first retry; later waits double (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the longest wait between two attempts.</summary>
    /// <value>The default value is 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how long one attempt (an HTTP POST, an SMTP session) may take before it counts as failed.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often the dispatcher looks for due deliveries in the job store.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many deliveries are sent (or wait for their retry) at once.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, 256)]
    public int MaxConcurrentDeliveries { get; set; } = 8;
}
