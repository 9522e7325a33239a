namespace HotRepos.Reports;

/// <summary>What a report's repositories are sorted by (<see cref="SnapshotQuery"/>).</summary>
public enum SnapshotSort
{
    /// <summary>Rank in the report; ascending by default.</summary>
    Rank,

    /// <summary>Stars; descending by default.</summary>
    Stars,

    /// <summary>Stars gained since the earlier snapshot; descending by default, repositories without one last either way.</summary>
    Gained,

    /// <summary>Full name, ignoring case; ascending by default.</summary>
    Name,

    /// <summary>Creation time; descending (newest first) by default.</summary>
    Created,
}
