using System.Text.Json.Serialization;

namespace HotRepos.GitHub.Json;

internal sealed class LicenseItem
{
    [JsonPropertyName("spdx_id")]
    public string? SpdxId { get; init; }
}
