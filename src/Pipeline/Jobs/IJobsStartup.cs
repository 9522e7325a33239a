namespace HotRepos.Jobs;

/// <summary>
/// Readies the job store before anything uses it. With the SQLite store this process takes its data directory: the
/// folder is created, locked for the life of the process (one data directory serves one process) and the database is
/// opened and written once. A started host does this before the worker starts; call it earlier to report a failure
/// yourself (<c>hotrepos serve</c> does, to print one line).
/// </summary>
public interface IJobsStartup
{
    /// <summary>Readies the store once; later calls return at once.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="DataDirectoryException">The data directory cannot be used, or another process holds it.</exception>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);
}
