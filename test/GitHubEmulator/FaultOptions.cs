namespace HotRepos.GitHubEmulator;

/// <summary>
/// Fault injection. Every decision is a pure function of (Seed, q, per_page, page, n-th attempt of that request),
/// so it does not depend on how concurrent requests interleave. Rules win over <see cref="FaultRate"/>.
/// </summary>
internal sealed record FaultOptions
{
    public static FaultOptions None { get; } = new();

    /// <value>The default value is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Delay before every search answer.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Uniform +/- spread around <see cref="Latency"/>.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Probability (0..1) that a search request gets one of <see cref="RandomKinds"/>.</summary>
    public double FaultRate { get; init; }

    /// <summary>The kinds <see cref="FaultRate"/> picks from, uniformly.</summary>
    public IReadOnlyList<FaultKind> RandomKinds { get; init; } =
    [
        FaultKind.InternalServerError, FaultKind.BadGateway, FaultKind.ServiceUnavailable, FaultKind.ConnectionReset,
        FaultKind.TruncatedBody, FaultKind.MalformedJson, FaultKind.SlowBody, FaultKind.IncompleteResults, FaultKind.SecondaryRateLimit,
    ];

    public IReadOnlyList<FaultRule> Rules { get; init; } = [];

    /// <summary>Star counts grow between requests, so the ranking is recomputed per request and pages overlap or skip.</summary>
    public bool Drift { get; init; }

    /// <summary>Body chunk size of <see cref="FaultKind.SlowBody"/>.</summary>
    /// <value>The default value is 2048 bytes.</value>
    public int DribbleChunkSize { get; init; } = 2048;

    /// <summary>Pause between chunks of <see cref="FaultKind.SlowBody"/>.</summary>
    /// <value>The default value is 1 ms.</value>
    public TimeSpan DribbleDelay { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>When set, every search request waits for this task after the rate-limit checks: lets a test hold requests in flight.</summary>
    public Task? Gate { get; init; }
}
