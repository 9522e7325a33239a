namespace HotRepos.Scheduling;

/// <summary>The configured schedules as users see them.</summary>
public interface IReportSchedules
{
    /// <summary>Lists the schedules with their last and next runs.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The schedules, by name.</returns>
    Task<IReadOnlyList<ScheduleInfo>> ListAsync(CancellationToken cancellationToken = default);
}
