using System.Text.Json.Serialization;

namespace HotRepos.GitHub.Json;

/// <summary>GitHub's error body: <c>{message, documentation_url, errors[]}</c>.</summary>
internal sealed class ErrorResponse
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("errors")]
    public List<ErrorDetail>? Errors { get; init; }
}
