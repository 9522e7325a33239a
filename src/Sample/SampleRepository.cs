namespace HotRepos.Sample;

/// <summary>One repository of the offline sample: every field needed to render a GitHub "Repo Search Result Item".</summary>
internal sealed record SampleRepository
{
    public required long Id { get; init; }

    public required string NodeId { get; init; }

    public required string Name { get; init; }

    public required string OwnerLogin { get; init; }

    public required long OwnerId { get; init; }

    public required string OwnerNodeId { get; init; }

    /// <summary><c>User</c> or <c>Organization</c>.</summary>
    public required string OwnerType { get; init; }

    public string FullName => OwnerLogin + "/" + Name;

    public string? Description { get; init; }

    public string? Homepage { get; init; }

    public string? Language { get; init; }

    public required int Stargazers { get; init; }

    /// <summary>Search results report watchers equal to stargazers.</summary>
    public int Watchers => Stargazers;

    public required int Forks { get; init; }

    public required int OpenIssues { get; init; }

    /// <summary>Size in KB.</summary>
    public required int Size { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset PushedAt { get; init; }

    public SampleLicense? License { get; init; }

    public bool Fork { get; init; }

    public bool Archived { get; init; }

    public required string DefaultBranch { get; init; }

    public bool HasIssues { get; init; } = true;

    public bool HasProjects { get; init; } = true;

    public bool HasWiki { get; init; } = true;

    public bool HasPages { get; init; }

    public bool HasDiscussions { get; init; }
}
