using System.Diagnostics;

namespace HotRepos.Tests.Jobs;

/// <summary>
/// Makes a file read-only for this process, even as root (who ignores permission bits): the mode loses its write
/// bits and, for root, the file is also marked immutable with <c>chattr +i</c>.
/// </summary>
internal static class ReadOnlyFile
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadWrite = ReadOnly | UnixFileMode.UserWrite;

    private static bool IsRoot => Environment.UserName == "root";

    public static void Set(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
            return;
        }

        File.SetUnixFileMode(path, ReadOnly);
        if (IsRoot)
        {
            Chattr("+i", path);
        }
    }

    public static void Clear(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.Normal);
            return;
        }

        if (IsRoot)
        {
            Chattr("-i", path);
        }

        File.SetUnixFileMode(path, ReadWrite);
    }

    private static void Chattr(string flag, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        Assert.True(chattr.ExitCode == 0, $"root ignores file modes, and chattr {flag} failed, so this test cannot make {path} read-only here: {error}");
    }
}
