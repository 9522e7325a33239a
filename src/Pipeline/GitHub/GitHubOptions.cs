using System.ComponentModel.DataAnnotations;

namespace HotRepos.GitHub;

/// <summary>How HotRepos talks to the GitHub Search API (configuration section <c>HotRepos:GitHub</c>).</summary>
public sealed class GitHubOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "HotRepos:GitHub";

    /// <summary>Gets or sets the API base URL; GitHub Enterprise uses <c>https://HOST/api/v3</c>.</summary>
    /// <value>The default value is <c>https://api.github.com</c>.</value>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://api.github.com";

    /// <summary>Gets or sets the token sent as <c>Authorization: Bearer</c>; never logged or stored.</summary>
    /// <value>The default value is <see langword="null"/>: anonymous requests (10 searches a minute).</value>
    public string? Token { get; set; }

    /// <summary>Gets or sets how many pages are fetched at once, across all reports of the process.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, 50)]
    public int MaxParallelism { get; set; } = 5;

    /// <summary>Gets or sets where pages come from.</summary>
    /// <value>The default value is <see cref="RepositorySource.GitHub"/>.</value>
    public RepositorySource Source { get; set; } = RepositorySource.GitHub;

    /// <summary>Gets or sets the time one attempt at one page may take, body included.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a page is retried after a transient failure.</summary>
    /// <value>The default value is 4.</value>
    [Range(0, 20)]
    public int RetryCount { get; set; } = 4;

    /// <summary>Gets or sets the first retry delay; later ones grow exponentially with jitter.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest a caller blocking on a report (the CLI's <c>report</c>, a direct
    /// <c>IReportGenerator</c> call) waits for a rate-limit window to reset; a longer one fails the report with the
    /// reset time. Queued jobs wait for the reset however far away it is.
    /// </summary>
    /// <value>The default value is 90 seconds (search windows last a minute).</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets the margin added to <c>X-RateLimit-Reset</c> against clock skew between GitHub and us.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RateLimitResetSkew { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the first wait after a secondary rate limit without <c>Retry-After</c>; it doubles while they repeat.</summary>
    /// <value>The default value is 60 seconds, as GitHub's documentation asks.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan SecondaryRateLimitBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets an optional ceiling on requests per minute across the process, on top of what GitHub's headers allow.</summary>
    /// <value>The default value is <see langword="null"/>: only GitHub's own quota applies.</value>
    [Range(1, 100_000)]
    public int? RequestsPerMinute { get; set; }
}
