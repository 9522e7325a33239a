namespace HotRepos.Sample;

/// <summary>A half-open time interval [From, To); a null end is unbounded.</summary>
internal readonly record struct TimeRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public bool Contains(DateTimeOffset value) => (From is null || value >= From) && (To is null || value < To);

    public TimeRange Intersect(TimeRange other) => new(
        From is null ? other.From : other.From is null ? From : Max(From.Value, other.From.Value),
        To is null ? other.To : other.To is null ? To : Min(To.Value, other.To.Value));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
