using System.Text.Json.Serialization;
using HotRepos.GitHub.Resilience;
using HotRepos.Reports;
using HotRepos.Requests;

namespace HotRepos.Jobs;

/// <summary>How the stores write a job's request and result (and PostgreSQL the rate-limit window): readable JSON with enum names.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReportRequest))]
[JsonSerializable(typeof(ReportPlan))]
[JsonSerializable(typeof(ReportResult))]
[JsonSerializable(typeof(RateLimitWindow))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
