using System.ComponentModel.DataAnnotations;

namespace HotRepos.Jobs;

/// <summary>The background job system (configuration section <c>HotRepos:Jobs</c>).</summary>
public sealed class JobsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "HotRepos:Jobs";

    /// <summary>Gets or sets the folder of the SQLite store; relative paths start at the working directory.</summary>
    /// <value>The default value is <c>data</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Gets or sets where jobs are kept.</summary>
    /// <value>The default value is <see cref="JobStoreKind.Sqlite"/>.</value>
    public JobStoreKind Store { get; set; } = JobStoreKind.Sqlite;

    /// <summary>Gets or sets how many reports run at once; page fetches and the rate-limit gate stay process-wide.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 32)]
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Gets or sets how many jobs may wait in the queue; beyond it, enqueueing is refused (HTTP 503).</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 100;

    /// <summary>Gets or sets how many finished jobs (and their files) are kept; older ones are removed.</summary>
    /// <value>The default value is 200.</value>
    [Range(1, 1_000_000)]
    public int Retention { get; set; } = 200;

    /// <summary>
    /// Gets or sets how many days the snapshots of succeeded reports (their repositories and star counts) are kept.
    /// They outlive their jobs: <see cref="Retention"/> removes jobs and files, this removes history.
    /// </summary>
    /// <value>The default value is 90 days: three months of movement, enough for a month's rising list.</value>
    [Range(1, 3650)]
    public int SnapshotRetentionDays { get; set; } = 90;
}
