using System.Text.Json.Serialization;

namespace HotRepos.App.Api;

/// <summary>Strict, source-generated reading of request bodies: unknown members are refused so typos do not pass silently.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateReportBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
