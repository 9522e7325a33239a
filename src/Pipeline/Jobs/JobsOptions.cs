using System.ComponentModel.DataAnnotations;

namespace HotRepos.Jobs;

/// <summary>The background job system (configuration section <c>HotRepos:Jobs</c>).</summary>
public sealed class JobsOptions : IValidatableObject
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

    /// <summary>
    /// Gets or sets the Npgsql connection string of the <see cref="JobStoreKind.Postgres"/> store; bound from
    /// <c>ConnectionStrings:HotRepos</c> by <c>AddHotReposJobs(configuration)</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets how long a job's lease lasts in the <see cref="JobStoreKind.Postgres"/> store; the running instance
    /// renews it every third of this, and any instance queues the job again (attempt + 1) once it expired.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how often an instance of the <see cref="JobStoreKind.Postgres"/> store looks for jobs queued elsewhere
    /// and for expired leases when no notification woke it.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

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

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Store == JobStoreKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "HotRepos:Jobs:Store is Postgres, but ConnectionStrings:HotRepos (CONNECTIONSTRINGS__HOTREPOS) is not set",
                [nameof(ConnectionString)]);
        }
    }

    /// <summary>
    /// Gets or sets how many days the snapshots of succeeded reports (their repositories and star counts) are kept.
    /// They outlive their jobs: <see cref="Retention"/> removes jobs and files, this removes history.
    /// </summary>
    /// <value>The default value is 90 days: three months of movement, enough for a month's rising list.</value>
    [Range(1, 3650)]
    public int SnapshotRetentionDays { get; set; } = 90;
}
