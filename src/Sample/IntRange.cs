namespace HotRepos.Sample;

/// <summary>An inclusive integer interval [Min, Max]; a null end is unbounded.</summary>
internal readonly record struct IntRange(int? Min, int? Max)
{
    public bool Contains(int value) => (Min is null || value >= Min) && (Max is null || value <= Max);

    public IntRange Intersect(IntRange other) => new(
        Min is null ? other.Min : other.Min is null ? Min : Math.Max(Min.Value, other.Min.Value),
        Max is null ? other.Max : other.Max is null ? Max : Math.Min(Max.Value, other.Max.Value));
}
