using System.Text.RegularExpressions;

namespace HotRepos.App.Api;

/// <summary>
/// Text from the server (a job's error, a warning) made fit for any client: an absolute path becomes its last
/// part, so "cannot write /srv/hotrepos/reports/x.csv: ..." reads "cannot write x.csv: ...". URLs are left alone.
/// </summary>
internal static partial class ClientText
{
    public static string? HidePaths(string? text) =>
        text is null ? null : AbsolutePath().Replace(text, match => LastPart(match.Value));

    private static string LastPart(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var last = trimmed[(trimmed.LastIndexOfAny(['/', '\\']) + 1)..];
        return last.Length > 0 ? last : path; // a lone "/" names nothing
    }

    // A path starts a word: "/x/y", "C:\x", "\\server\share"; not the "//host/path" of a URL, which follows a colon.
    [GeneratedRegex("""(?<=^|[\s'"(\[=])(?:/|[A-Za-z]:[\\/]|\\\\)[^\s'"]*""")]
    private static partial Regex AbsolutePath();
}
