namespace HotRepos.Requests;

/// <summary>How a report groups its repositories.</summary>
public enum GroupBy
{
    /// <summary>By primary language; <c>unknown</c> when GitHub detected none.</summary>
    Language,

    /// <summary>By topic: a repository is listed under each of its topics; <c>untagged</c> when it has none.</summary>
    Topic,
}
