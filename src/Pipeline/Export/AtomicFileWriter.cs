namespace HotRepos.Export;

/// <summary>
/// Writes a file so that nobody ever sees it half-written: into a hidden temp file in the same folder
/// (same file system, so the rename is atomic), flushed to disk, then renamed over the final name.
/// On any failure or cancellation the temp file is deleted.
/// </summary>
internal static class AtomicFileWriter
{
    public const string TempSuffix = ".tmp";

    /// <summary>
    /// Deletes temp files a killed process left behind (SIGKILL runs no cleanup). Only files last written before
    /// <paramref name="before"/> go, so another process's write in progress is left alone.
    /// </summary>
    public static int DeleteStaleTempFiles(string directory, DateTimeOffset before)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(directory, ".*" + TempSuffix))
        {
            if (File.GetLastWriteTimeUtc(file) < before.UtcDateTime)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
