using System.Globalization;
using System.Text;

namespace HotRepos.GitHub;

/// <summary>Builds the one combined <c>q</c> of a report: <c>created:2026-11-20..2026-11-27 language:rust topic:cli stars:&gt;=10</c>.</summary>
internal static class SearchQueryBuilder
{
    /// <param name="since">The first creation date, inclusive.</param>
    /// <param name="until">The last creation date, inclusive (GitHub's <c>a..b</c> range includes both ends).</param>
    /// <param name="language">Only this language, or <see langword="null"/>.</param>
    /// <param name="topic">Only this topic, or <see langword="null"/>.</param>
    /// <param name="minStars">At least this many stars, or <see langword="null"/>.</param>
    public static string Build(DateOnly since, DateOnly until, string? language, string? topic, int? minStars)
    {
        var q = new StringBuilder();
        q.Append(CultureInfo.InvariantCulture, $"created:{since:yyyy-MM-dd}..{until:yyyy-MM-dd}");
        if (language is not null)
        {
            // GitHub needs quotes around values with spaces: language:"Jupyter Notebook".
            q.Append(" language:").Append(language.Contains(' ', StringComparison.Ordinal) ? $"\"{language}\"" : language);
        }

        if (topic is not null)
        {
            q.Append(" topic:").Append(topic);
        }

        if (minStars is { } stars)
        {
            q.Append(CultureInfo.InvariantCulture, $" stars:>={stars}");
        }

        return q.ToString();
    }
}
