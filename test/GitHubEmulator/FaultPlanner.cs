using System.Collections.Concurrent;
using HotRepos.Sample;

namespace HotRepos.GitHubEmulator;

/// <summary>Turns <see cref="FaultOptions"/> into per-request decisions; see <see cref="FaultOptions"/> for the determinism rule.</summary>
internal sealed class FaultPlanner
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public FaultDecision Decide(FaultOptions options, string q, int perPage, int page)
    {
        var key = q + "\n" + perPage.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var attempt = _attempts.AddOrUpdate(key, 1, static (_, n) => n + 1);
        var hash = SplitMix64.Hash((ulong)options.Seed, SplitMix64.HashString(key), (ulong)attempt);

        FaultKind? kind = null;
        foreach (var rule in options.Rules)
        {
            if ((rule.Page is null || rule.Page == page)
                && (rule.Attempts is null || attempt <= rule.Attempts)
                && (rule.QueryContains is null || q.Contains(rule.QueryContains, StringComparison.OrdinalIgnoreCase)))
            {
                kind = rule.Kind;
                break;
            }
        }

        if (kind is null && options.FaultRate > 0 && options.RandomKinds.Count > 0 && Unit(hash, 1) < options.FaultRate)
        {
            kind = options.RandomKinds[(int)(SplitMix64.Hash(hash, 2) % (ulong)options.RandomKinds.Count)];
        }

        var delay = options.Latency;
        if (options.Jitter > TimeSpan.Zero)
        {
            delay += options.Jitter * ((Unit(hash, 3) * 2) - 1);
        }

        return new FaultDecision(kind, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, attempt, SplitMix64.Hash(hash, 4));
    }

    public void Reset() => _attempts.Clear();

    private static double Unit(ulong hash, ulong salt) => (SplitMix64.Hash(hash, salt) >> 11) * (1.0 / (1UL << 53));
}
