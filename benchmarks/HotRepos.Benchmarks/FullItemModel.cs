using System.Text.Json.Serialization;

namespace HotRepos.Benchmarks;

// "Deserializing the full item model": every member GitHub sends for a search item, as a typical hand-written
// .NET model would hold them, deserialized with a source-generated context. Names map by snake_case.
#pragma warning disable CA1056 // URI-like properties are strings, as in most GitHub models (and Octokit's).

/// <summary>The body of <c>GET /search/repositories</c>, every member.</summary>
public sealed class FullSearchResponse
{
    public int TotalCount { get; init; }

    public bool IncompleteResults { get; init; }

    public List<FullRepositoryItem>? Items { get; init; }
}

/// <summary>A search item with every member GitHub sends (~80 including owner and license).</summary>
public sealed class FullRepositoryItem
{
    public long Id { get; init; }
    public string? NodeId { get; init; }
    public string? Name { get; init; }
    public string? FullName { get; init; }
    [JsonPropertyName("private")]
    public bool IsPrivate { get; init; }
    public FullOwner? Owner { get; init; }
    public string? HtmlUrl { get; init; }
    public string? Description { get; init; }
    public bool Fork { get; init; }
    public string? Url { get; init; }
    public string? ForksUrl { get; init; }
    public string? KeysUrl { get; init; }
    public string? CollaboratorsUrl { get; init; }
    public string? TeamsUrl { get; init; }
    public string? HooksUrl { get; init; }
    public string? IssueEventsUrl { get; init; }
    public string? EventsUrl { get; init; }
    public string? AssigneesUrl { get; init; }
    public string? BranchesUrl { get; init; }
    public string? TagsUrl { get; init; }
    public string? BlobsUrl { get; init; }
    public string? GitTagsUrl { get; init; }
    public string? GitRefsUrl { get; init; }
    public string? TreesUrl { get; init; }
    public string? StatusesUrl { get; init; }
    public string? LanguagesUrl { get; init; }
    public string? StargazersUrl { get; init; }
    public string? ContributorsUrl { get; init; }
    public string? SubscribersUrl { get; init; }
    public string? SubscriptionUrl { get; init; }
    public string? CommitsUrl { get; init; }
    public string? GitCommitsUrl { get; init; }
    public string? CommentsUrl { get; init; }
    public string? IssueCommentUrl { get; init; }
    public string? ContentsUrl { get; init; }
    public string? CompareUrl { get; init; }
    public string? MergesUrl { get; init; }
    public string? ArchiveUrl { get; init; }
    public string? DownloadsUrl { get; init; }
    public string? IssuesUrl { get; init; }
    public string? PullsUrl { get; init; }
    public string? MilestonesUrl { get; init; }
    public string? NotificationsUrl { get; init; }
    public string? LabelsUrl { get; init; }
    public string? ReleasesUrl { get; init; }
    public string? DeploymentsUrl { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? PushedAt { get; init; }
    public string? GitUrl { get; init; }
    public string? SshUrl { get; init; }
    public string? CloneUrl { get; init; }
    public string? SvnUrl { get; init; }
    public string? Homepage { get; init; }
    public long Size { get; init; }
    public int StargazersCount { get; init; }
    public int WatchersCount { get; init; }
    public string? Language { get; init; }
    public bool HasIssues { get; init; }
    public bool HasProjects { get; init; }
    public bool HasDownloads { get; init; }
    public bool HasWiki { get; init; }
    public bool HasPages { get; init; }
    public bool HasDiscussions { get; init; }
    public int ForksCount { get; init; }
    public string? MirrorUrl { get; init; }
    public bool Archived { get; init; }
    public bool Disabled { get; init; }
    public int OpenIssuesCount { get; init; }
    public FullLicense? License { get; init; }
    public bool AllowForking { get; init; }
    public bool IsTemplate { get; init; }
    public bool WebCommitSignoffRequired { get; init; }
    public List<string>? Topics { get; init; }
    public string? Visibility { get; init; }
    public int Forks { get; init; }
    public int OpenIssues { get; init; }
    public int Watchers { get; init; }
    public string? DefaultBranch { get; init; }
    public double Score { get; init; }
}

/// <summary>The item's owner, every member.</summary>
public sealed class FullOwner
{
    public string? Login { get; init; }
    public long Id { get; init; }
    public string? NodeId { get; init; }
    public string? AvatarUrl { get; init; }
    public string? GravatarId { get; init; }
    public string? Url { get; init; }
    public string? HtmlUrl { get; init; }
    public string? FollowersUrl { get; init; }
    public string? FollowingUrl { get; init; }
    public string? GistsUrl { get; init; }
    public string? StarredUrl { get; init; }
    public string? SubscriptionsUrl { get; init; }
    public string? OrganizationsUrl { get; init; }
    public string? ReposUrl { get; init; }
    public string? EventsUrl { get; init; }
    public string? ReceivedEventsUrl { get; init; }
    public string? Type { get; init; }
    public bool SiteAdmin { get; init; }
}

/// <summary>The item's license, every member.</summary>
public sealed class FullLicense
{
    public string? Key { get; init; }
    public string? Name { get; init; }
    public string? SpdxId { get; init; }
    public string? Url { get; init; }
    public string? NodeId { get; init; }
}

#pragma warning restore CA1056

/// <summary>Source-generated metadata for the full model.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(FullSearchResponse))]
internal sealed partial class FullModelJsonContext : JsonSerializerContext;
