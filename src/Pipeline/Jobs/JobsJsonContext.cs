using System.Text.Json.Serialization;
using HotRepos.Reports;
using HotRepos.Requests;

namespace HotRepos.Jobs;

/// <summary>How the SQLite store writes a job's request and result: readable JSON with enum names.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReportRequest))]
[JsonSerializable(typeof(ReportPlan))]
[JsonSerializable(typeof(ReportResult))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
