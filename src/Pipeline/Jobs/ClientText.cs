using System.Text.RegularExpressions;

namespace HotRepos.Jobs;

/// <summary>
/// Text from the server (a job's error, a warning) made fit for any client (the HTTP API, a webhook, a mail): an
/// absolute path becomes its last part, so "cannot write /srv/hotrepos/reports/x.csv: ..." reads "cannot write
/// x.csv: ...". URLs are left alone.
/// </summary>
public static partial class ClientText
{
    /// <summary>Replaces each absolute path in <paramref name="text"/> by its last part.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The text without server paths, or <see langword="null"/>.</returns>
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
