namespace HotRepos.Ranking;

/// <summary>How a repository's star count moved between an earlier observation and now.</summary>
/// <param name="Gained">Stars now minus stars then; negative when people unstarred it.</param>
/// <param name="PerDay"><paramref name="Gained"/> divided by the days between the two observations, rounded to 2 decimals.</param>
/// <param name="Since">When the earlier observation was made.</param>
public sealed record StarMovement(int Gained, double PerDay, DateTimeOffset Since)
{
    /// <summary>
    /// How much earlier an observation must be to count: two reports of the same night (a day report and a week report
    /// finishing seconds apart) would otherwise turn one new star into thousands per day.
    /// </summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromHours(1);

    /// <summary>The movement from <paramref name="earlier"/> to <paramref name="now"/>.</summary>
    /// <param name="earlier">The earlier observation, or <see langword="null"/> when there is none.</param>
    /// <param name="now">The current observation.</param>
    /// <returns>The movement, or <see langword="null"/> when there is no earlier observation at least <see cref="MinimumInterval"/> before.</returns>
    public static StarMovement? Between(StarObservation? earlier, StarObservation now)
    {
        if (earlier is not { } then || now.ObservedAt - then.ObservedAt < MinimumInterval)
        {
            return null;
        }

        var gained = now.Stars - then.Stars;
        var days = (now.ObservedAt - then.ObservedAt).TotalDays;
        return new StarMovement(gained, Math.Round(gained / days, 2, MidpointRounding.AwayFromZero), then.ObservedAt);
    }
}
