namespace HotRepos.Jobs;

/// <summary>The outcome of a cancel request.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Job">The job as it is now, or <see langword="null"/> when not found.</param>
public sealed record CancelResult(CancelOutcome Outcome, JobRecord? Job);
