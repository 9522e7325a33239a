namespace HotRepos.Requests;

/// <summary>The shape of the CSV file.</summary>
public enum CsvLayout
{
    /// <summary>
    /// One row per repository and group (a repository with three topics has three rows when grouped by topic), ordered
    /// by group then rank: the group and the rank inside it first, then the ranked layout's columns.
    /// </summary>
    Grouped,

    /// <summary>One row per repository, in rank order, with its details and group.</summary>
    Ranked,

    /// <summary>One row per group: group name, repository count, then the repositories' full names in rank order.</summary>
    Summary,
}
