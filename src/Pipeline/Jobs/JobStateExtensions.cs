namespace HotRepos.Jobs;

/// <summary>Helpers for <see cref="JobState"/>.</summary>
public static class JobStateExtensions
{
    /// <summary>Gets whether the job can no longer change.</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> for Succeeded, Failed and Cancelled.</returns>
    public static bool IsFinal(this JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
