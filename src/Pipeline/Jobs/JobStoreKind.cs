namespace HotRepos.Jobs;

/// <summary>Where jobs are kept.</summary>
public enum JobStoreKind
{
    /// <summary>A SQLite file in <see cref="JobsOptions.DataDirectory"/>: survives restarts.</summary>
    Sqlite,

    /// <summary>Memory only: for embedding and tests.</summary>
    Memory,

    /// <summary>A PostgreSQL database (<c>ConnectionStrings:HotRepos</c>) shared by several instances.</summary>
    Postgres,
}
