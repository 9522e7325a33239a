namespace HotRepos.Sample;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny PRNG whose output is fixed by its published algorithm,
/// so the sample catalog stays identical across .NET versions, unlike <see cref="Random"/> whose
/// algorithm is an implementation detail.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stable hash of several values; used for decisions that must not depend on call order.</summary>
    public static ulong Hash(ulong a, ulong b, ulong c = 0, ulong d = 0)
        => Mix(Mix(Mix(Mix(a) ^ b) ^ c) ^ d);

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static ulong HashString(string value)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (var c in value)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return h;
    }
}
