using HotRepos.Jobs;

namespace HotRepos.App.Api;

internal static class JobResponseMapping
{
    public static JobResponse ToResponse(this JobRecord job, IEnumerable<JobDelivery> deliveries)
    {
        var plan = job.Plan;
        var request = plan.Request;
        var self = $"/api/reports/{job.Id}";
        var result = job.Result;
        return new JobResponse(
            job.Id,
            job.State,
            new RequestResponse(
                plan.Period?.ToString().ToLowerInvariant(),
                plan.Since,
                request.ReferenceDate,
                request.Top,
                request.GroupBy.ToString().ToLowerInvariant(),
                request.Layout.ToString().ToLowerInvariant(),
                request.Language,
                request.Topic,
                request.MinStars),
            // Until its first page reports, a job's stored total is 0; the plan already knows how many pages it needs.
            new ProgressResponse(job.Progress.Done, job.Progress.Total > 0 ? job.Progress.Total : plan.PageCount),
            job.Progress.WaitingUntil,
            job.Origin,
            job.Attempt,
            job.CreatedAt,
            job.StartedAt,
            job.FinishedAt,
            result?.Warnings.Select(w => ClientText.HidePaths(w)!).ToList() ?? [],
            ClientText.HidePaths(job.Error),
            result is null ? null : new ResultResponse(
                Path.GetFileName(result.FilePath),
                result.Repositories,
                result.Groups,
                result.TotalMatches,
                result.PagesFetched,
                (long)result.Elapsed.TotalMilliseconds,
                result.TopGroups),
            deliveries
                .Where(d => d.JobId == job.Id)
                .Select(d => new DeliveryResponse(d.Id, d.Channel, d.Event, d.State, d.Attempts, d.FinishedAt, ClientText.HidePaths(d.LastError)))
                .ToList(),
            job.State == JobState.Succeeded ? new LinksResponse(self, self + "/csv", self + "/repositories") : new LinksResponse(self, null, null));
    }
}
