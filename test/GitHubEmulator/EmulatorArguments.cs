using System.Globalization;

namespace HotRepos.GitHubEmulator;

/// <summary>Hand-written parsing of the emulator's command line; throws <see cref="FormatException"/> with a user-facing message.</summary>
internal static class EmulatorArguments
{
    public const string Usage =
        "usage: dotnet run --project test/GitHubEmulator -- [--port 5055] [--today 2026-11-27] [--seed N] [--count N]\n" +
        "       [--rate-limit 30] [--anonymous-rate-limit 10] [--window 60s] [--max-concurrent 0] [--token T]...\n" +
        "       [--latency 200ms] [--jitter 50ms] [--fault-rate 0.2] [--fault-seed N] [--drift]";

    private static readonly HashSet<string> KnownOptions =
    [
        "--port", "--today", "--seed", "--count", "--rate-limit", "--anonymous-rate-limit", "--window",
        "--max-concurrent", "--token", "--latency", "--jitter", "--fault-rate", "--fault-seed",
    ];

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions { Port = 5055 };
        var faults = FaultOptions.None;
        var tokens = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--drift")
            {
                faults = faults with { Drift = true };
                continue;
            }

            if (!KnownOptions.Contains(name))
            {
                throw new FormatException($"Unknown option '{name}'.");
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException($"Option '{name}' needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--port" => options with { Port = Int(name, value, 0, 65535) },
                "--today" => options with { Today = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw Bad(name, value) },
                "--seed" => options with { Seed = Int(name, value, int.MinValue, int.MaxValue) },
                "--count" => options with { RepositoryCount = Int(name, value, 0, 1_000_000) },
                "--rate-limit" => options with { AuthenticatedRateLimit = Int(name, value, 1, int.MaxValue) },
                "--anonymous-rate-limit" => options with { AnonymousRateLimit = Int(name, value, 1, int.MaxValue) },
                "--window" => options with { RateLimitWindow = Duration(name, value) },
                "--max-concurrent" => options with { MaxConcurrentRequests = Int(name, value, 0, int.MaxValue) },
                "--token" => Add(options, tokens, value),
                "--latency" or "--jitter" or "--fault-rate" or "--fault-seed" => options,
                _ => throw new FormatException($"Unknown option '{name}'."),
            };
            faults = name switch
            {
                "--latency" => faults with { Latency = Duration(name, value) },
                "--jitter" => faults with { Jitter = Duration(name, value) },
                "--fault-rate" => faults with { FaultRate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1 ? r : throw Bad(name, value) },
                "--fault-seed" => faults with { Seed = Int(name, value, int.MinValue, int.MaxValue) },
                _ => faults,
            };
        }

        return options with { Faults = faults, ValidTokens = tokens };
    }

    /// <summary>Accepts <c>250ms</c>, <c>5s</c>, <c>2m</c> or a TimeSpan like <c>00:00:05</c>.</summary>
    public static TimeSpan Duration(string name, string value)
    {
        static double? Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
        TimeSpan? result = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) && Number(value[..^2]) is { } ms => TimeSpan.FromMilliseconds(ms),
            _ when value.EndsWith('s') && Number(value[..^1]) is { } s => TimeSpan.FromSeconds(s),
            _ when value.EndsWith('m') && Number(value[..^1]) is { } m => TimeSpan.FromMinutes(m),
            _ when TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero => t,
            _ => null,
        };
        return result ?? throw Bad(name, value);
    }

    private static EmulatorOptions Add(EmulatorOptions options, List<string> tokens, string token)
    {
        tokens.Add(token);
        return options;
    }

    private static int Int(string name, string value, int min, int max)
        => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : throw Bad(name, value);

    private static FormatException Bad(string name, string value) => new($"Invalid value '{value}' for option '{name}'.");
}
