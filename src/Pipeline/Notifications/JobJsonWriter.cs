using System.Text.Json;
using HotRepos.Jobs;

namespace HotRepos.Notifications;

/// <summary>The library's job view for webhooks: what a receiver needs, and no server path (only the CSV's file name).</summary>
internal sealed class JobJsonWriter : IJobJsonWriter
{
    public void Write(Utf8JsonWriter writer, JobRecord job, IReadOnlyList<JobDelivery> deliveries)
    {
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("state", job.State.ToString());
        writer.WriteString("origin", job.Origin);
        writer.WriteString("report", job.RequestKey);
        writer.WriteString("createdAt", job.CreatedAt);
        if (job.FinishedAt is { } finished)
        {
            writer.WriteString("finishedAt", finished);
        }

        if (job.Error is { } error)
        {
            writer.WriteString("error", error);
        }

        if (job.Result is { } result)
        {
            writer.WriteStartObject("result");
            writer.WriteString("fileName", Path.GetFileName(result.FilePath));
            writer.WriteNumber("repositories", result.Repositories);
            writer.WriteNumber("groups", result.Groups);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
