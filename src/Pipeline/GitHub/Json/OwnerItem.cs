using System.Text.Json.Serialization;

namespace HotRepos.GitHub.Json;

internal sealed class OwnerItem
{
    [JsonPropertyName("login")]
    public string? Login { get; init; }
}
