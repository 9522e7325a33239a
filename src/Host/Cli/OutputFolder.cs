namespace HotRepos.App.Cli;

/// <summary>Whether the report's output folder can be created and written, checked before any search is spent.</summary>
internal static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> when missing, then writes and deletes a probe file in it.</summary>
    /// <returns><see langword="null"/> when it can be written; otherwise why not, in a few words.</returns>
    public static string? WriteProblem(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".hotrepos-write-check-{Guid.NewGuid():N}.tmp");
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(0);
                stream.Flush(flushToDisk: true);
            }

            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "permission denied";
        }
        catch (IOException ex)
        {
            return FileInTheWay(folder) is { } file ? $"{file} is a file, not a folder" : ex.Message;
        }
    }

    private static string? FileInTheWay(string folder)
    {
        for (var path = folder; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
