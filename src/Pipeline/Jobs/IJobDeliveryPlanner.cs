namespace HotRepos.Jobs;

/// <summary>
/// Says which notifications a job's end gets, before the end is stored, so they are stored with it in one
/// transaction. Jobs asks; a notification feature (<c>AddHotReposNotifications</c>) answers. Without one, no job
/// gets any.
/// </summary>
public interface IJobDeliveryPlanner
{
    /// <summary>Plans the deliveries of a finished job.</summary>
    /// <param name="finished">The job in its final state, as it is about to be stored.</param>
    /// <returns>The deliveries, <see cref="DeliveryState.Pending"/>; empty when none is configured for this end.</returns>
    IReadOnlyList<JobDelivery> Plan(JobRecord finished);
}
