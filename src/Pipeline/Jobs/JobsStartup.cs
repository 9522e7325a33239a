using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotRepos.Jobs;

/// <summary>
/// Takes the data directory at start, before the worker runs: creates it, locks <c>hotrepos.lock</c> in it with
/// <see cref="FileShare.None"/> for the life of the process (the OS releases the lock when the process dies, even by
/// SIGKILL) and checks that the database can be written. Who holds the lock is written beside it, in
/// <c>hotrepos.lock.owner</c>: another process cannot read a file locked this way.
/// </summary>
internal sealed class JobsStartup(IJobStore store, IOptions<JobsOptions> options) : IJobsStartup, IHostedService, IDisposable
{
    public const string LockFileName = "hotrepos.lock";
    public const string OwnerFileName = "hotrepos.lock.owner";

    // What a refused FileShare.None open raises: EWOULDBLOCK (Linux 11, macOS 35) on Unix, sharing or lock violation on Windows.
    private static readonly int[] SharingViolations = [11, 35, unchecked((int)0x80070020), unchecked((int)0x80070021)];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _lock;
    private bool _ready;

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready)
            {
                return;
            }

            if (options.Value.Store == JobStoreKind.Sqlite)
            {
                var directory = Path.GetFullPath(options.Value.DataDirectory);
                _lock ??= TakeDirectory(directory);
                try
                {
                    await store.CheckWritableAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new DataDirectoryException($"cannot use the data directory {directory}: {ex.Message}", ex);
                }
            }

            else if (options.Value.Store == JobStoreKind.Postgres)
            {
                // Creates or migrates the schema now, so a wrong connection string stops the start with its reason.
                try
                {
                    await store.CheckWritableAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new DataDirectoryException($"cannot use the PostgreSQL job store (ConnectionStrings:HotRepos): {ex.Message}", ex);
                }
            }

            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => EnsureReadyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _lock?.Dispose();
        _gate.Dispose();
    }

    private static FileStream TakeDirectory(string directory)
    {
        FileStream held;
        try
        {
            Directory.CreateDirectory(directory);
            held = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex.GetType() == typeof(IOException) && SharingViolations.Contains(ex.HResult))
        {
            throw new DataDirectoryException(
                $"the data directory {directory} is in use by {Holder(directory)}; one data directory serves one process", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException($"cannot use the data directory {directory}: {ex.Message}", ex);
        }

        try
        {
            using var process = Process.GetCurrentProcess();
            var owner = string.Create(
                CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} (started {process.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC)");
            held.SetLength(0);
            held.Write(System.Text.Encoding.UTF8.GetBytes(owner + "\n"));
            held.Flush();
            File.WriteAllText(Path.Combine(directory, OwnerFileName), owner + "\n");
            return held;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            held.Dispose();
            throw new DataDirectoryException($"cannot use the data directory {directory}: {ex.Message}", ex);
        }
    }

    private static string Holder(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, OwnerFileName)).Trim() is { Length: > 0 } owner ? owner : "another process";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }
}
