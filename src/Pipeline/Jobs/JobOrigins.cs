namespace HotRepos.Jobs;

/// <summary>The usual values of <see cref="JobRecord.Origin"/>.</summary>
public static class JobOrigins
{
    /// <summary>Queued through the HTTP API.</summary>
    public const string Api = "api";

    /// <summary>Queued from the command line.</summary>
    public const string Cli = "cli";

    /// <summary>Queued by code embedding the library.</summary>
    public const string Library = "library";

    /// <summary>Gets the origin of a scheduled job.</summary>
    /// <param name="schedule">The schedule's name.</param>
    /// <returns><c>schedule:NAME</c>.</returns>
    public static string Schedule(string schedule) => "schedule:" + schedule;
}
