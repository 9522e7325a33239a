using HotRepos.Sample;

namespace HotRepos.GitHubEmulator;

/// <summary>How the emulator behaves. Everything has a GitHub-like default.</summary>
internal sealed record EmulatorOptions
{
    /// <summary>The "today" the catalog is generated for.</summary>
    /// <value>The default value is null: the <see cref="TimeProvider"/>'s UTC date at start.</value>
    public DateOnly? Today { get; init; }

    /// <value>The default value is <see cref="SampleCatalog.DefaultSeed"/>.</value>
    public int Seed { get; init; } = SampleCatalog.DefaultSeed;

    /// <value>The default value is <see cref="SampleCatalog.DefaultCount"/> (6000).</value>
    public int RepositoryCount { get; init; } = SampleCatalog.DefaultCount;

    /// <summary>Rewrites the generated catalog before it is served (e.g. star counts shared by many repositories).</summary>
    /// <value>The default value is null: the generated catalog as is.</value>
    public Func<IReadOnlyList<SampleRepository>, IReadOnlyList<SampleRepository>>? ShapeCatalog { get; init; }

    /// <summary>Port on 127.0.0.1.</summary>
    /// <value>The default value is 0: a free port.</value>
    public int Port { get; init; }

    /// <value>The default value is 30 requests per window.</value>
    public int AuthenticatedRateLimit { get; init; } = 30;

    /// <value>The default value is 10 requests per window.</value>
    public int AnonymousRateLimit { get; init; } = 10;

    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>More search requests than this in flight at once are refused with a secondary rate limit.</summary>
    /// <value>The default value is 0: off.</value>
    public int MaxConcurrentRequests { get; init; }

    /// <summary>Retry-After of secondary rate-limit answers (also of the <see cref="FaultKind.SecondaryRateLimit"/> fault).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan SecondaryRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>403 or 429.</summary>
    /// <value>The default value is 403.</value>
    public int SecondaryStatusCode { get; init; } = 403;

    /// <summary>Accepted tokens; any other token gets 401. Requests without a token are anonymous.</summary>
    /// <value>The default value is empty: any token is accepted.</value>
    public IReadOnlyCollection<string> ValidTokens { get; init; } = [];

    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Initial faults; swap them at runtime through <see cref="GitHubEmulatorServer.Faults"/>.</summary>
    /// <value>The default value is <see cref="FaultOptions.None"/>.</value>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Rate limits far above anything a test sends, for tests that are about something else.</summary>
    public static EmulatorOptions Unthrottled(DateOnly? today = null) =>
        new() { Today = today, AnonymousRateLimit = 10_000, AuthenticatedRateLimit = 10_000 };
}
