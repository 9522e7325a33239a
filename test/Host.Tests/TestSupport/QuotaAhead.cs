using HotRepos.GitHubEmulator;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.App.Tests.TestSupport;

/// <summary>
/// An emulator whose clock runs two days ahead of the real one, with a search quota of <paramref name="Limit"/> an
/// hour: once spent, a service on the real clock waits for a reset no test reaches, at a time the test knows exactly.
/// </summary>
internal sealed record QuotaAhead(int Limit)
{
    /// <summary>Gets the emulator's "now": midnight UTC two days from today, the start of an hour-long window.</summary>
    public DateTimeOffset Start { get; } = new(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(2), TimeSpan.Zero);

    /// <summary>Gets when the service's pages may go again: the window's end plus the gate's default 1 s skew.</summary>
    public DateTimeOffset ResetPlusSkew => Start + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);

    public EmulatorOptions Apply(EmulatorOptions options) => options with
    {
        AnonymousRateLimit = Limit,
        RateLimitWindow = TimeSpan.FromHours(1),
        TimeProvider = new FakeTimeProvider(Start),
    };
}
