using System.Text.Json.Serialization;

namespace HotRepos.Benchmarks;

// The trimmed model the pipeline's parser deserialized before issue 14 #4 (only the 15 used members), kept here
// for the TrimmedModelFromBytes diagnostic: the source-generated serializer over the same bytes.
#pragma warning disable CA1056 // URI-like properties are strings, as in the body.

/// <summary>The body of <c>GET /search/repositories</c>, reduced to what HotRepos reads.</summary>
public sealed class TrimmedSearchResponse
{
    [JsonPropertyName("total_count")]
    public int TotalCount { get; init; }

    [JsonPropertyName("incomplete_results")]
    public bool IncompleteResults { get; init; }

    [JsonPropertyName("items")]
    public List<TrimmedRepositoryItem>? Items { get; init; }
}

/// <summary>
/// One search result item with only the members HotRepos uses; the serializer skips the other ~70
/// members of GitHub's item without materializing them.
/// </summary>
public sealed class TrimmedRepositoryItem
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
    public TrimmedOwnerItem? Owner { get; init; }

    [JsonPropertyName("license")]
    public TrimmedLicenseItem? License { get; init; }

    [JsonPropertyName("archived")]
    public bool Archived { get; init; }

    [JsonPropertyName("fork")]
    public bool Fork { get; init; }
}

public sealed class TrimmedOwnerItem
{
    [JsonPropertyName("login")]
    public string? Login { get; init; }
}

public sealed class TrimmedLicenseItem
{
    [JsonPropertyName("spdx_id")]
    public string? SpdxId { get; init; }
}

#pragma warning restore CA1056

/// <summary>Source-generated metadata for the trimmed model.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TrimmedSearchResponse))]
internal sealed partial class TrimmedModelJsonContext : JsonSerializerContext;
