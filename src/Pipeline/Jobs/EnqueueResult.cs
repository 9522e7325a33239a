namespace HotRepos.Jobs;

/// <summary>The job an enqueue request leads to.</summary>
/// <param name="Job">The new or existing job.</param>
/// <param name="Outcome">Whether it is new, already in progress, or an earlier identical report.</param>
public sealed record EnqueueResult(JobRecord Job, EnqueueOutcome Outcome);
