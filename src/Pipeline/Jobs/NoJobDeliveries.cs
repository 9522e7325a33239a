namespace HotRepos.Jobs;

/// <summary>The planner when notifications are not added: no job end is notified.</summary>
internal sealed class NoJobDeliveries : IJobDeliveryPlanner
{
    public IReadOnlyList<JobDelivery> Plan(JobRecord finished) => [];
}
