namespace HotRepos.GitHub.Resilience;

/// <summary>
/// What the <see cref="RateLimitGate"/> knows about the search quota's current window. Counts are of every request
/// that spends the quota through this state: one process's, or all instances' when the state is shared.
/// </summary>
internal sealed class RateLimitWindow
{
    /// <summary>Gets or sets the quota per window, once an answer told it.</summary>
    public int? Limit { get; set; }

    /// <summary>Gets or sets how many requests went through the gate (less those given back before they left).</summary>
    public long Sent { get; set; }

    /// <summary>Gets or sets how many requests came back.</summary>
    public long Finished { get; set; }

    /// <summary>Gets or sets the value of <see cref="Sent"/> up to which the current window lets requests go.</summary>
    public long Allowance { get; set; } = long.MaxValue;

    /// <summary>Gets or sets when the current window ends, as GitHub last said.</summary>
    public DateTimeOffset? Reset { get; set; }

    /// <summary>Gets or sets whether a new window started whose end no answer has told yet.</summary>
    public bool WindowEndUnknown { get; set; } = true;

    /// <summary>Gets or sets until when every request waits: GitHub asked us to back off.</summary>
    public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Gets or sets the next free slot when requests are paced.</summary>
    public DateTimeOffset NextPacedSlot { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Gets or sets how many secondary rate limits came in a row.</summary>
    public int SecondaryStreak { get; set; }
}
