namespace HotRepos.GitHubEmulator;

/// <summary>
/// What the emulator can do wrong. The failure kinds are chosen by <see cref="FaultOptions.FaultRate"/> or
/// <see cref="FaultRule"/>s; <see cref="Latency"/> and <see cref="Drift"/> are switched on by their own options
/// and appear here only so <see cref="EmulatorStats.Faults"/> counts them.
/// </summary>
public enum FaultKind
{
    InternalServerError,
    BadGateway,
    ServiceUnavailable,
    ConnectionReset,
    TruncatedBody,
    MalformedJson,
    SlowBody,
    IncompleteResults,
    SecondaryRateLimit,

    /// <summary>A 422 "Validation Failed" with <c>errors[]</c>, as for a query GitHub refuses; never transient.</summary>
    ValidationFailed,
    Latency,
    Drift,
}
