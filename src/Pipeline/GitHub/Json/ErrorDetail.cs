using System.Text.Json.Serialization;

namespace HotRepos.GitHub.Json;

internal sealed class ErrorDetail
{
    [JsonPropertyName("field")]
    public string? Field { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
