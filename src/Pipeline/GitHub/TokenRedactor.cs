namespace HotRepos.GitHub;

/// <summary>
/// Keeps the configured token out of upstream text. A GitHub-compatible server, or a proxy in front of GitHub, may
/// echo the <c>Authorization</c> header back in its message, reason phrase or body; whatever it answers is redacted
/// before it becomes an exception message or a log argument (and so a job's stored error or an API answer).
/// </summary>
internal static class TokenRedactor
{
    /// <summary>What the token is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Returns <paramref name="text"/> with every occurrence of <paramref name="token"/> replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text, string? token)
    {
        var secret = token?.Trim();
        return string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text)
            ? text
            : text.Replace(secret, Mask, StringComparison.Ordinal);
    }
}
