using System.Text.Json.Serialization;

namespace HotRepos.GitHub.Json;

/// <summary>The body of <c>GET /search/repositories</c>, reduced to what HotRepos reads.</summary>
internal sealed class SearchResponse
{
    [JsonPropertyName("total_count")]
    public int TotalCount { get; init; }

    [JsonPropertyName("incomplete_results")]
    public bool IncompleteResults { get; init; }

    [JsonPropertyName("items")]
    public List<RepositoryItem>? Items { get; init; }
}
