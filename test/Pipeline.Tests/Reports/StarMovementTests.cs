using HotRepos.Ranking;

namespace HotRepos.Tests.Reports;

public sealed class StarMovementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(24 * 60, 100, 140, 40, 40.0)]
    [InlineData(48 * 60, 100, 145, 45, 22.5)]
    [InlineData(72 * 60, 100, 110, 10, 3.33)]
    [InlineData(12 * 60, 100, 105, 5, 10.0)]
    [InlineData(60, 100, 101, 1, 24.0)]
    [InlineData(24 * 60, 100, 90, -10, -10.0)]
    [InlineData(24 * 60, 100, 100, 0, 0.0)]
    public void Between_EarlierObservationAtLeastAnHourBefore_GivesGainAndGainPerDayRoundedTo2Decimals(
        int minutesBefore, int starsThen, int starsNow, int gained, double perDay)
    {
        var since = Now.AddMinutes(-minutesBefore);

        var movement = StarMovement.Between(new StarObservation(since, starsThen), new StarObservation(Now, starsNow));

        Assert.Equal(new StarMovement(gained, perDay, since), movement);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-60)]
    public void Between_EarlierObservationLessThanAnHourBefore_IsNone(int minutesBefore)
    {
        var movement = StarMovement.Between(new StarObservation(Now.AddMinutes(-minutesBefore), 100), new StarObservation(Now, 101));

        Assert.Null(movement);
    }

    [Fact]
    public void Between_NoEarlierObservation_IsNone() =>
        Assert.Null(StarMovement.Between(null, new StarObservation(Now, 101)));
}
