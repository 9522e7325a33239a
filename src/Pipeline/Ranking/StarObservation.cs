namespace HotRepos.Ranking;

/// <summary>A repository's star count at one moment: a point of its star history.</summary>
/// <param name="ObservedAt">When the count was read from GitHub (UTC).</param>
/// <param name="Stars">The stargazer count then.</param>
public readonly record struct StarObservation(DateTimeOffset ObservedAt, int Stars);
