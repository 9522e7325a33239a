using HotRepos.Jobs;

namespace HotRepos.Notifications;

/// <summary>Which job ends a channel is told about: <see cref="On"/> and <see cref="Origins"/>, shared by webhooks and e-mail.</summary>
public abstract class NotificationFilter
{
    /// <summary>Gets or sets the ends to notify: <c>Succeeded</c>, <c>Failed</c>; <see langword="null"/> for both.</summary>
    /// <value>The default value is <see langword="null"/>: both.</value>
    public JobState[]? On { get; set; }

    /// <summary>Gets or sets who queued the jobs to notify about: <c>Schedule</c>, <c>Api</c>; <see langword="null"/> for scheduled jobs only.</summary>
    /// <value>The default value is <see langword="null"/>: <c>Schedule</c>.</value>
    public NotificationOrigin[]? Origins { get; set; }

    /// <summary>Whether a job that ended as <paramref name="job"/> did is notified.</summary>
    /// <param name="job">The finished job.</param>
    /// <returns><see langword="true"/> when both its end and its origin are selected.</returns>
    public bool Matches(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var on = On ?? [JobState.Succeeded, JobState.Failed];
        var origins = Origins ?? [NotificationOrigin.Schedule];
        return on.Contains(job.State) && NotificationOrigins.Of(job.Origin) is { } origin && origins.Contains(origin);
    }
}
