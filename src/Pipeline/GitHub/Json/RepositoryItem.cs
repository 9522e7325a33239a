using System.Text.Json.Serialization;

namespace HotRepos.GitHub.Json;

/// <summary>
/// One search result item with only the members HotRepos uses; the serializer skips the other ~70
/// members of GitHub's item without materializing them.
/// </summary>
internal sealed class RepositoryItem
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    [JsonPropertyName("full_name")]
    public string? FullName { get; init; }

    [JsonPropertyName("html_url")]
    public string? HtmlUrl { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("stargazers_count")]
    public int StargazersCount { get; init; }

    [JsonPropertyName("forks_count")]
    public int ForksCount { get; init; }

    [JsonPropertyName("open_issues_count")]
    public int OpenIssuesCount { get; init; }

    [JsonPropertyName("topics")]
    public List<string>? Topics { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("pushed_at")]
    public DateTimeOffset? PushedAt { get; init; }

    [JsonPropertyName("owner")]
    public OwnerItem? Owner { get; init; }

    [JsonPropertyName("license")]
    public LicenseItem? License { get; init; }

    [JsonPropertyName("archived")]
    public bool Archived { get; init; }

    [JsonPropertyName("fork")]
    public bool Fork { get; init; }
}
