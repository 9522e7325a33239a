using System.Text.Json.Serialization;

namespace HotRepos.GitHub.Json;

/// <summary>Source-generated (reflection-free) metadata for the GitHub bodies HotRepos reads.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
