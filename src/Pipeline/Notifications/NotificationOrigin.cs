namespace HotRepos.Notifications;

/// <summary>Who queued a job, as a notification filter sees it.</summary>
public enum NotificationOrigin
{
    /// <summary>A schedule (<c>schedule:NAME</c>).</summary>
    Schedule,

    /// <summary>The HTTP API.</summary>
    Api,
}
