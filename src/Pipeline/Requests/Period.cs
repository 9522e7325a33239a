namespace HotRepos.Requests;

/// <summary>How far back a report looks for newly created repositories.</summary>
public enum Period
{
    /// <summary>Created since the day before the reference date.</summary>
    Day,

    /// <summary>Created in the 7 days before the reference date.</summary>
    Week,

    /// <summary>Created in the 30 days before the reference date.</summary>
    Month,
}
