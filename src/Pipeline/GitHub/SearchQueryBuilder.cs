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
    public static string Build(DateOnly since, DateOnly until, string? language, string? topic, int? minStars) =>
        Build(string.Create(CultureInfo.InvariantCulture, $"{since:yyyy-MM-dd}..{until:yyyy-MM-dd}"), language, topic, minStars, null);

    /// <summary>A star-range slice of a report's search: at least <paramref name="minStars"/> and at most <paramref name="maxStars"/> stars.</summary>
    public static string Build(DateOnly since, DateOnly until, string? language, string? topic, int? minStars, int maxStars) =>
        Build(string.Create(CultureInfo.InvariantCulture, $"{since:yyyy-MM-dd}..{until:yyyy-MM-dd}"), language, topic, minStars, maxStars);

    /// <summary>
    /// One star count of a report's search within a creation window to the second (both ends inclusive): how a star
    /// count shared by more than 1,000 repositories is read.
    /// </summary>
    public static string Build(DateTimeOffset from, DateTimeOffset to, string? language, string? topic, int stars) =>
        Build(string.Create(CultureInfo.InvariantCulture, $"{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}..{to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"), language, topic, stars, stars);

    private static string Build(string created, string? language, string? topic, int? minStars, int? maxStars)
    {
        var q = new StringBuilder();
        q.Append("created:").Append(created);
        if (language is not null)
        {
            // GitHub needs quotes around values with spaces: language:"Jupyter Notebook".
            q.Append(" language:").Append(language.Contains(' ', StringComparison.Ordinal) ? $"\"{language}\"" : language);
        }

        if (topic is not null)
        {
            q.Append(" topic:").Append(topic);
        }

        // One stars: qualifier, never two: a range when the slice has an upper bound.
        if (maxStars is { } max)
        {
            q.Append(minStars == max
                ? string.Create(CultureInfo.InvariantCulture, $" stars:{max}")
                : string.Create(CultureInfo.InvariantCulture, $" stars:{minStars ?? 0}..{max}"));
        }
        else if (minStars is { } stars)
        {
            q.Append(CultureInfo.InvariantCulture, $" stars:>={stars}");
        }

        return q.ToString();
    }
}
