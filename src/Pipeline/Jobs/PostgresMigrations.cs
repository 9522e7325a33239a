namespace HotRepos.Jobs;

/// <summary>
/// The PostgreSQL schema, one step per version: step N takes the schema from version N - 1 to N. A new version is
/// a new step at the end; a step never changes once released.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>The key of the advisory lock that makes one instance at a time migrate.</summary>
    public const long LockKey = 0x486F745265706F73; // "HotRepos"

    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: jobs with their lease, schedule runs and baselines, the CSV of succeeded jobs.
        """
        CREATE TABLE jobs (
            id text PRIMARY KEY,
            request_key text NOT NULL,
            origin text NOT NULL,
            state text NOT NULL,
            attempt integer NOT NULL,
            progress_done integer NOT NULL,
            progress_total integer NOT NULL,
            created_at timestamptz NOT NULL,
            started_at timestamptz,
            finished_at timestamptz,
            plan_json text NOT NULL,
            result_json text,
            error text,
            lease_owner text,
            lease_until timestamptz);
        CREATE INDEX jobs_by_created ON jobs (created_at DESC, id DESC);
        CREATE INDEX jobs_by_key ON jobs (request_key, state);
        CREATE INDEX jobs_by_lease ON jobs (lease_until) WHERE state = 'Running';
        -- Identical requests sent to two instances at once make one job: a new job (never started) is unique per report.
        CREATE UNIQUE INDEX jobs_one_new_per_key ON jobs (request_key) WHERE state = 'Queued' AND attempt = 0;
        CREATE TABLE schedule_runs (name text PRIMARY KEY, due timestamptz NOT NULL);
        CREATE TABLE schedule_baselines (name text PRIMARY KEY, due timestamptz NOT NULL);
        CREATE TABLE report_files (job_id text PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE, content bytea NOT NULL);
        """,

        // 2: the GitHub rate-limit window, one row per quota (a hash of the API's address and the token, never the token).
        """
        CREATE TABLE github_quota (key text PRIMARY KEY, window_json text NOT NULL);
        """,

        // 3: the snapshots of succeeded reports (PostgresJobStore.Snapshots.cs). They outlive their jobs (no key to
        // jobs); a snapshot's rows go with it. Each row keeps the observation its movement was measured against.
        """
        CREATE TABLE snapshots (
            job_id text PRIMARY KEY,
            observed_at timestamptz NOT NULL,
            repositories integer NOT NULL);
        CREATE INDEX snapshots_by_observed ON snapshots (observed_at);
        CREATE TABLE snapshot_repositories (
            job_id text NOT NULL REFERENCES snapshots (job_id) ON DELETE CASCADE,
            repository_id bigint NOT NULL,
            rank integer NOT NULL,
            full_name text NOT NULL,
            html_url text NOT NULL,
            description text,
            stars integer NOT NULL,
            forks integer NOT NULL,
            open_issues integer NOT NULL,
            language text,
            topics text[] NOT NULL,
            created_at timestamptz NOT NULL,
            observed_at timestamptz NOT NULL,
            previous_stars integer,
            previous_observed_at timestamptz,
            PRIMARY KEY (job_id, repository_id));
        CREATE INDEX snapshot_repositories_by_repository ON snapshot_repositories (repository_id, observed_at);
        CREATE INDEX snapshot_repositories_by_name ON snapshot_repositories (lower(full_name), observed_at);
        CREATE INDEX snapshot_repositories_by_created ON snapshot_repositories (created_at);
        """,

        // 4: the notifications of job ends (the outbox, PostgresJobStore.Deliveries.cs), written with the end in one
        // transaction and removed with their job.
        """
        CREATE TABLE deliveries (
            id text PRIMARY KEY,
            job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            channel text NOT NULL,
            event text NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL,
            created_at timestamptz NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            finished_at timestamptz,
            last_error text);
        CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE state = 'Pending';
        CREATE INDEX deliveries_by_job ON deliveries (job_id);
        """,
    ];

    public static int LatestVersion => Steps.Count;
}
