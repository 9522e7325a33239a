using System.Text.Json;
using HotRepos.Jobs;

namespace HotRepos.Notifications;

/// <summary>
/// Writes a job as the <c>job</c> member of a webhook body. The library's own writer (used when nothing else is
/// registered) writes a small view of the record; the <c>hotrepos</c> host registers one that writes its HTTP API's
/// job JSON, so a receiver gets exactly what <c>GET /api/reports/{id}</c> returns. The API's shape stays in the host.
/// </summary>
public interface IJobJsonWriter
{
    /// <summary>Writes <paramref name="job"/> as one JSON value.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="job">The finished job.</param>
    /// <param name="deliveries">The job's deliveries as stored now (this one is still pending).</param>
    void Write(Utf8JsonWriter writer, JobRecord job, IReadOnlyList<JobDelivery> deliveries);
}
