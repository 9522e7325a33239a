namespace HotRepos.Requests;

/// <summary>The shape of the CSV file.</summary>
public enum CsvLayout
{
    /// <summary>One row per group: group name, repository count, then the repositories' full names in rank order.</summary>
    Grouped,

    /// <summary>One row per repository, in rank order, with its details and group.</summary>
    Ranked,
}
