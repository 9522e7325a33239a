using System.Globalization;
using System.Text;

namespace HotRepos.GitHub;

/// <summary>Builds the one combined <c>q</c> of a report: <c>created:&gt;=2026-11-20 language:rust topic:cli stars:&gt;=10</c>.</summary>
internal static class SearchQueryBuilder
{
    public static string Build(DateOnly since, string? language, string? topic, int? minStars)
    {
        var q = new StringBuilder();
        q.Append(CultureInfo.InvariantCulture, $"created:>={since:yyyy-MM-dd}");
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
