using System.Text.Json;
using HotRepos.Jobs;
using HotRepos.Notifications;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace HotRepos.App.Api;

/// <summary>
/// The webhook body's <c>job</c>: the same <see cref="JobResponse"/>, written with the same JSON options, as
/// <c>GET /api/reports/{id}</c> returns, so a receiver parses one shape. The shape stays here at the edge; the
/// library's dispatcher only asks for "a job as JSON" through <see cref="IJobJsonWriter"/>.
/// </summary>
internal sealed class ApiJobJsonWriter(IOptions<JsonOptions> json) : IJobJsonWriter
{
    public void Write(Utf8JsonWriter writer, JobRecord job, IReadOnlyList<JobDelivery> deliveries) =>
        JsonSerializer.Serialize(writer, job.ToResponse(deliveries), json.Value.SerializerOptions);
}
