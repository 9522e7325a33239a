using System.Globalization;

namespace HotRepos.Sample;

/// <summary>
/// A parsed repository-search <c>q</c>: space-separated terms, ANDed. Supported qualifiers: <c>created:</c>,
/// <c>language:</c> (several are ORed, as on GitHub), <c>topic:</c> (several are ANDed), <c>stars:</c>,
/// <c>fork:</c>, <c>archived:</c>. Other words are keywords matched against name, description and topics.
/// </summary>
internal sealed record SearchQuery
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];

    public TimeRange Created { get; init; }

    public IntRange Stars { get; init; }

    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<string> Topics { get; init; } = [];

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public ForkFilter Fork { get; init; } = ForkFilter.Exclude;

    public bool? Archived { get; init; }

    public bool Matches(SampleRepository repository) => Matches(repository, repository.Stargazers);

    /// <summary>Matches with a given star count, so a caller can move stars (drift) without copying repositories.</summary>
    public bool Matches(SampleRepository repository, int stars)
    {
        if (!Created.Contains(repository.CreatedAt) || !Stars.Contains(stars))
        {
            return false;
        }

        if (Fork == ForkFilter.Exclude ? repository.Fork : Fork == ForkFilter.Only && !repository.Fork)
        {
            return false;
        }

        if (Archived is { } archived && repository.Archived != archived)
        {
            return false;
        }

        if (Languages.Count > 0 && !Languages.Any(l => string.Equals(l, repository.Language, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        foreach (var topic in Topics)
        {
            if (!repository.Topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var keyword in Keywords)
        {
            if (!repository.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase)
                && !(repository.Description?.Contains(keyword, StringComparison.OrdinalIgnoreCase) ?? false)
                && !repository.Topics.Any(t => t.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses <paramref name="q"/>; throws <see cref="SearchQueryException"/> for what GitHub rejects with 422.</summary>
    public static SearchQuery Parse(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            throw new SearchQueryException("The search query q is missing or empty.");
        }

        var created = default(TimeRange);
        var stars = default(IntRange);
        var languages = new List<string>();
        var topics = new List<string>();
        var keywords = new List<string>();
        var fork = ForkFilter.Exclude;
        bool? archived = null;

        foreach (var token in Tokenize(q))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || token[0] == '"')
            {
                keywords.Add(token.Trim('"'));
                continue;
            }

            var qualifier = token[..colon].ToLowerInvariant();
            var value = token[(colon + 1)..];
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }

            string Invalid() => $"Invalid {qualifier} qualifier: '{token}'";
            if (value.Length == 0)
            {
                throw new SearchQueryException(Invalid());
            }

            switch (qualifier)
            {
                case "created":
                    created = created.Intersect(ParseTimeRange(value) ?? throw new SearchQueryException(Invalid()));
                    break;
                case "stars":
                    stars = stars.Intersect(ParseIntRange(value) ?? throw new SearchQueryException(Invalid()));
                    break;
                case "language":
                    languages.Add(value);
                    break;
                case "topic":
                    topics.Add(value);
                    break;
                case "fork":
                    fork = value.ToLowerInvariant() switch
                    {
                        "true" => ForkFilter.Include,
                        "only" => ForkFilter.Only,
                        "false" => ForkFilter.Exclude,
                        _ => throw new SearchQueryException(Invalid()),
                    };
                    break;
                case "archived":
                    archived = value.ToLowerInvariant() switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new SearchQueryException(Invalid()),
                    };
                    break;
                default:
                    throw new SearchQueryException($"Unsupported qualifier '{qualifier}:' in '{token}'");
            }
        }

        return new SearchQuery
        {
            Created = created,
            Stars = stars,
            Languages = languages,
            Topics = topics,
            Keywords = keywords,
            Fork = fork,
            Archived = archived,
        };
    }

    private static List<string> Tokenize(string q)
    {
        var tokens = new List<string>();
        var start = -1;
        var quoted = false;
        for (var i = 0; i <= q.Length; i++)
        {
            var end = i == q.Length;
            var c = end ? ' ' : q[i];
            if (c == '"' && !end)
            {
                quoted = !quoted;
            }

            if (!end && (quoted || !char.IsWhiteSpace(c)))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                tokens.Add(q[start..i]);
                start = -1;
            }
        }

        if (quoted)
        {
            throw new SearchQueryException($"Unbalanced quotes in query '{q}'");
        }

        return tokens;
    }

    private static TimeRange? ParseTimeRange(string value)
    {
        var range = value.IndexOf("..", StringComparison.Ordinal);
        if (range >= 0)
        {
            var left = value[..range];
            var right = value[(range + 2)..];
            if (left == "*" && right == "*")
            {
                return null;
            }

            TimeRange? from = left == "*" ? default(TimeRange) : ParsePoint(left) is { } l ? new TimeRange(l.From, null) : null;
            TimeRange? to = right == "*" ? default(TimeRange) : ParsePoint(right) is { } r ? new TimeRange(null, r.To) : null;
            return from is null || to is null ? null : from.Value.Intersect(to.Value);
        }

        var (op, rest) = SplitOperator(value);
        if (ParsePoint(rest) is not { } point)
        {
            return null;
        }

        return op switch
        {
            ">=" => new TimeRange(point.From, null),
            ">" => new TimeRange(point.To, null),
            "<=" => new TimeRange(null, point.To),
            "<" => new TimeRange(null, point.From),
            _ => point,
        };
    }

    /// <summary>A date is its whole UTC day; a date-time is the single instant (to the tick).</summary>
    private static TimeRange? ParsePoint(string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return new TimeRange(start, start.AddDays(1));
        }

        if (DateTimeOffset.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return new TimeRange(instant, instant.AddTicks(1));
        }

        return null;
    }

    private static IntRange? ParseIntRange(string value)
    {
        var range = value.IndexOf("..", StringComparison.Ordinal);
        if (range >= 0)
        {
            var left = value[..range];
            var right = value[(range + 2)..];
            int? min = left == "*" ? null : ParseInt(left);
            int? max = right == "*" ? null : ParseInt(right);
            return (left != "*" && min is null) || (right != "*" && max is null) ? null : new IntRange(min, max);
        }

        var (op, rest) = SplitOperator(value);
        if (ParseInt(rest) is not { } n)
        {
            return null;
        }

        return op switch
        {
            ">=" => new IntRange(n, null),
            ">" => new IntRange(n + 1, null),
            "<=" => new IntRange(null, n),
            "<" => new IntRange(null, n - 1),
            _ => new IntRange(n, n),
        };
    }

    private static int? ParseInt(string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < int.MaxValue ? n : null;

    private static (string Op, string Operand) SplitOperator(string value)
    {
        if (value.StartsWith(">=", StringComparison.Ordinal) || value.StartsWith("<=", StringComparison.Ordinal))
        {
            return (value[..2], value[2..]);
        }

        return value.StartsWith('>') || value.StartsWith('<') ? (value[..1], value[1..]) : ("", value);
    }
}
