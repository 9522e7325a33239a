using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace HotRepos.Sample;

/// <summary>
/// Deterministic generator of the offline sample: the same (today, count, seed) always yields the same
/// repositories, on every machine and .NET version, because all randomness comes from <see cref="SplitMix64"/>.
/// </summary>
internal static class SampleCatalog
{
    public const int DefaultCount = 6000;
    public const int DefaultSeed = 20261127;
    public const int SpanDays = 60;

    private const int MaxCachedCatalogs = 16;

    private static readonly ConcurrentDictionary<(DateOnly Today, int Count, int Seed), IReadOnlyList<SampleRepository>> Cache = new();

    private static readonly (string Name, int Weight)[] Languages =
    [
        ("TypeScript", 160), ("Python", 170), ("JavaScript", 90), ("Rust", 60), ("Go", 55), ("Java", 35),
        ("C++", 30), ("C#", 25), ("C", 20), ("Jupyter Notebook", 30), ("Shell", 20), ("Kotlin", 12),
        ("Swift", 12), ("PHP", 10), ("Ruby", 6), ("HTML", 22), ("Zig", 6), ("Lua", 6), ("Dart", 8),
        ("Vue", 8), ("CSS", 6), ("Elixir", 3), ("Haskell", 2), ("Scala", 3), ("Nix", 3), ("MDX", 3),
        (null!, 150),
    ];

    private static readonly string[] TopicVocabulary =
    [
        "llm", "ai", "agents", "mcp", "rust", "cli", "react", "nextjs", "self-hosted", "machine-learning",
        "deep-learning", "python", "typescript", "openai", "claude", "rag", "chatbot", "automation", "devtools",
        "docker", "kubernetes", "database", "security", "game", "tailwindcss", "api", "golang", "webassembly",
        "neovim", "terminal", "privacy", "homelab", "data-science", "computer-vision", "embedded", "linux",
        "awesome-list", "education", "productivity", "open-source", "mcp-server", "ai-agents", "vscode-extension",
    ];

    private static readonly string[] NameWords =
    [
        "agent", "mcp", "llm", "claw", "kit", "forge", "flow", "lens", "pilot", "hub", "craft", "studio", "bench",
        "server", "cli", "ui", "lab", "core", "sdk", "bridge", "vault", "scope", "stack", "sync", "shell", "mind",
        "graph", "notes", "chat", "code", "docs", "rag", "vision", "router", "proxy", "cache", "spark", "nova",
    ];

    private static readonly string[] OwnerFirst =
    [
        "alex", "mei", "jonas", "priya", "wei", "sofia", "kenji", "lucas", "amara", "noah", "yuki", "elena", "omar",
        "hana", "diego", "lin", "ivan", "zoe", "ravi", "chloe", "tomas", "aiko", "felix", "nadia", "oskar", "sara",
    ];

    private static readonly string[] OwnerSecond =
    [
        "dev", "labs", "ai", "codes", "hq", "io", "works", "x", "chen", "kim", "li", "smith", "garcia", "muller",
        "tanaka", "rossi", "silva", "nguyen", "ops", "build",
    ];

    private static readonly string[] DescriptionTemplates =
    [
        "A {0} for {1} developers", "Open-source {0} built with {2}", "Minimal {0} that just works",
        "The fastest {0} for {1}, written in {2}", "{0}: self-hosted, private, and simple",
        "Experimental {0} exploring {1}", "Production-ready {0} with batteries included",
        "Turn any {1} project into a {0}", "Yet another {0}, but this one is different", "{0} powered by {1} and {2}",
    ];

    /// <summary>Descriptions that break naive CSV/JSON/spreadsheet handling; every 23rd repository gets one.</summary>
    internal static readonly string[] HostileDescriptions =
    [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1 for speed",
        "-- a list",
        "@scope/pkg",
        "\tTab-led description",
        "\rCarriage-return led",
        "Commas, \"quotes\", and more, all in one",
        "Line one\nline two",
        "Windows line one\r\nline two",
        "大语言模型智能体框架 — 支持多种工具调用",
        "日本語のドキュメント付きCLIツール",
        "Café crème, naïve façade, Ærøskøbing",
        "🚀 Blazing fast 🔥 agents 🤖",
        "\"Quoted\" from start to \"end\"",
        "=1+2",
        "한국어 설명과 emoji ✨",
    ];

    private static readonly SampleLicense[] Licenses =
    [
        new("mit", "MIT License", "MIT", "MDc6TGljZW5zZTEz"),
        new("apache-2.0", "Apache License 2.0", "Apache-2.0", "MDc6TGljZW5zZTI="),
        new("gpl-3.0", "GNU General Public License v3.0", "GPL-3.0", "MDc6TGljZW5zZTk="),
        new("bsd-3-clause", "BSD 3-Clause \"New\" or \"Revised\" License", "BSD-3-Clause", "MDc6TGljZW5zZTU="),
        new("agpl-3.0", "GNU Affero General Public License v3.0", "AGPL-3.0", "MDc6TGljZW5zZTE="),
        new("mpl-2.0", "Mozilla Public License 2.0", "MPL-2.0", "MDc6TGljZW5zZTE0"),
        new("unlicense", "The Unlicense", "Unlicense", "MDc6TGljZW5zZTE1"),
        new("other", "Other", "NOASSERTION", "MDc6TGljZW5zZTA="),
    ];

    private static readonly int[] LicenseWeights = [50, 20, 8, 4, 4, 3, 3, 8];

    /// <summary>
    /// The catalog for <paramref name="today"/>: creation times spread over the <see cref="SpanDays"/> days
    /// strictly before <paramref name="today"/> 00:00 UTC, skewed towards recent days. Cached per inputs.
    /// </summary>
    public static IReadOnlyList<SampleRepository> Create(DateOnly today, int count = DefaultCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Cache.TryGetValue((today, count, seed), out var cached))
        {
            return cached;
        }

        if (Cache.Count >= MaxCachedCatalogs)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd((today, count, seed), static key => Generate(key.Today, key.Count, key.Seed));
    }

    private static SampleRepository[] Generate(DateOnly today, int count, int seed)
    {
        var rng = new SplitMix64(SplitMix64.Hash((ulong)seed, (ulong)today.DayNumber));
        var midnight = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        const int spanSeconds = SpanDays * 86_400;

        // age = span * u^1.3 puts ~19% of repositories in the last 7 days and ~4% in the last day.
        var ages = new int[count];
        for (var i = 0; i < count; i++)
        {
            ages[i] = 1 + (int)(Math.Pow(rng.NextDouble(), 1.3) * (spanSeconds - 1));
        }

        // GitHub ids grow with creation time: oldest first.
        Array.Sort(ages, static (a, b) => b.CompareTo(a));

        var ownerCount = Math.Max(1, count / 4);
        var fullNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new SampleRepository[count];
        var id = 1_000_000_000L + ((long)(today.DayNumber - 739_000) * 50_000);
        var languageTotal = Languages.Sum(static l => l.Weight);

        for (var i = 0; i < count; i++)
        {
            id += rng.Next(1, 40);
            var created = midnight.AddSeconds(-ages[i]);
            var ageSeconds = ages[i];

            // Owners are reused: a squared index makes a few owners prolific.
            var ownerIndex = (int)(Math.Pow(rng.NextDouble(), 2) * ownerCount);
            var ownerLogin = OwnerLogin(ownerIndex);
            var ownerId = 10_000_000L + ((long)ownerIndex * 7919);
            var isOrg = SplitMix64.Hash((ulong)ownerIndex, 17) % 4 == 0;
            var ownerType = isOrg ? "Organization" : "User";

            var name = NameWords[rng.Next(NameWords.Length)] + "-" + NameWords[rng.Next(NameWords.Length)];
            if (rng.Chance(0.3))
            {
                name = name.Replace('-', rng.Chance(0.5) ? '_' : '.');
            }

            if (!fullNames.Add(ownerLogin + "/" + name))
            {
                name = name + "-" + i.ToString(CultureInfo.InvariantCulture);
                fullNames.Add(ownerLogin + "/" + name);
            }

            var language = PickLanguage(ref rng, languageTotal);

            // Pareto-like tail: most repositories have a handful of stars (many ties), a few have thousands.
            var stars = (int)Math.Min(200_000, (2.0 / Math.Pow(1.0 - rng.NextDouble(), 1.0 / 1.05)) - 2.0);
            var forks = (int)(stars * rng.NextDouble() * 0.25);
            var openIssues = stars == 0 ? rng.Next(2) : rng.Next(1 + Math.Min(400, stars / 8));
            var topics = PickTopics(ref rng, language);
            var description = PickDescription(ref rng, i, name, language, topics);
            var homepage = rng.Chance(0.3)
                ? (rng.Chance(0.5) ? $"https://{ownerLogin.ToLowerInvariant()}.github.io/{name}" : $"https://{name.Replace('_', '-').Replace('.', '-')}.dev")
                : null;
            var license = rng.Chance(0.22) ? null : PickLicense(ref rng);
            var updatedAfter = (int)(rng.NextDouble() * ageSeconds);
            var pushedAfter = (int)(rng.NextDouble() * updatedAfter);
            var branchRoll = rng.Next(100);

            result[i] = new SampleRepository
            {
                Id = id,
                NodeId = NodeId("010:Repository", id),
                Name = name,
                OwnerLogin = ownerLogin,
                OwnerId = ownerId,
                OwnerNodeId = NodeId(isOrg ? "012:Organization" : "04:User", ownerId),
                OwnerType = ownerType,
                Description = description,
                Homepage = homepage,
                Language = language,
                Stargazers = stars,
                Forks = forks,
                OpenIssues = openIssues,
                Size = (int)Math.Min(2_000_000, Math.Pow(10, 1 + (rng.NextDouble() * 4.5))),
                Topics = topics,
                CreatedAt = created,
                UpdatedAt = created.AddSeconds(updatedAfter),
                PushedAt = created.AddSeconds(pushedAfter),
                License = license,
                Fork = rng.Chance(0.03),
                Archived = rng.Chance(0.015),
                DefaultBranch = branchRoll < 85 ? "main" : branchRoll < 98 ? "master" : "dev",
                HasIssues = !rng.Chance(0.05),
                HasProjects = !rng.Chance(0.2),
                HasWiki = !rng.Chance(0.3),
                HasPages = rng.Chance(0.1),
                HasDiscussions = rng.Chance(0.15),
            };
        }

        return result;
    }

    private static string OwnerLogin(int index)
    {
        var first = OwnerFirst[index % OwnerFirst.Length];
        var second = OwnerSecond[(index / OwnerFirst.Length) % OwnerSecond.Length];
        var round = index / (OwnerFirst.Length * OwnerSecond.Length);
        var login = first + "-" + second;
        return round == 0 ? login : login + round.ToString(CultureInfo.InvariantCulture);
    }

    private static string NodeId(string prefix, long id)
        => Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + id.ToString(CultureInfo.InvariantCulture)));

    private static string? PickLanguage(ref SplitMix64 rng, int total)
    {
        var roll = rng.Next(total);
        foreach (var (name, weight) in Languages)
        {
            if (roll < weight)
            {
                return name;
            }

            roll -= weight;
        }

        return null;
    }

    private static string[] PickTopics(ref SplitMix64 rng, string? language)
    {
        if (rng.Chance(0.25))
        {
            return [];
        }

        var n = rng.Next(1, 7);
        var topics = new List<string>(n + 1);
        if (language is "Rust" or "Python" or "TypeScript" && rng.Chance(0.5))
        {
            topics.Add(language.ToLowerInvariant());
        }

        while (topics.Count < n)
        {
            // Squared index: the head of the vocabulary (llm, ai, agents, mcp...) is the most popular.
            var topic = TopicVocabulary[(int)(Math.Pow(rng.NextDouble(), 1.8) * TopicVocabulary.Length)];
            if (!topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }

        return [.. topics];
    }

    private static string? PickDescription(ref SplitMix64 rng, int index, string name, string? language, string[] topics)
    {
        if (index % 23 == 0)
        {
            return HostileDescriptions[(index / 23) % HostileDescriptions.Length];
        }

        if (rng.Chance(0.1))
        {
            return null;
        }

        var template = DescriptionTemplates[rng.Next(DescriptionTemplates.Length)];
        var topic = topics.Length > 0 ? topics[rng.Next(topics.Length)] : "everyday";
        return string.Format(CultureInfo.InvariantCulture, template, name.Replace('-', ' ').Replace('_', ' '), topic, language ?? "love");
    }

    private static SampleLicense PickLicense(ref SplitMix64 rng)
    {
        var roll = rng.Next(100);
        for (var i = 0; i < Licenses.Length; i++)
        {
            if (roll < LicenseWeights[i])
            {
                return Licenses[i];
            }

            roll -= LicenseWeights[i];
        }

        return Licenses[0];
    }
}
