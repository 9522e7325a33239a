using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HotRepos.GitHub;

namespace HotRepos.Benchmarks;

/// <summary>
/// Benchmark 1: one real-shape 100-item search page (~520 KB) parsed five ways. Octokit is the baseline, so the
/// Ratio and Alloc Ratio columns read directly against the targets (≥ 3× Octokit's throughput, ≤ 1/5 of its
/// allocations); <see cref="RawReader"/> is the floor (HotRepos' parser should be within 2× of it).
/// </summary>
[MemoryDiagnoser]
public class ParsePageBenchmark
{
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        _body = SamplePages.PageBytes(1);

        // Every method must see the same 100 items, or the comparison means nothing.
        var expected = StreamingParser().GetAwaiter().GetResult();
        Check(expected.Count == SamplePages.PerPage, "streaming parser item count");
        Check(JsonDocument().SequenceEqual(expected, RepositoryComparer.Instance), "JsonDocument results");
        Check(FullItemModel().Items!.Select(i => i.Id).SequenceEqual(expected.Select(i => i.Id)), "full model ids");
        Check(Octokit().Items.Select(i => i.Id).SequenceEqual(expected.Select(i => i.Id)), "Octokit ids");
        Check(RawReader() > 0, "raw reader");
        Check(TrimmedModelFromBytes() == SamplePages.PerPage, "trimmed model item count");
    }

    /// <summary>
    /// HotRepos' parser as the client calls it: the body stream read into pooled 16 KB chunks, then one
    /// hand-written <see cref="Utf8JsonReader"/> pass over them (the name is kept from when it streamed).
    /// </summary>
    [Benchmark(Description = "StreamingParser")]
    public async Task<IReadOnlyList<GitHubRepository>> StreamingParser()
    {
        var page = await SearchResponseParser.ParseAsync(new MemoryStream(_body, writable: false), 1, rateLimit: null, CancellationToken.None);
        return page.Items;
    }

    /// <summary>
    /// Diagnostic, not one of the five: the trimmed source-generated model (the 15 used members) that the parser
    /// deserialized from the stream before issue 14 #4, here synchronously from the whole byte array: what the
    /// serializer alone costs over <see cref="RawReader"/>.
    /// </summary>
    [Benchmark(Description = "TrimmedModelFromBytes")]
    public int TrimmedModelFromBytes()
        => JsonSerializer.Deserialize(_body, TrimmedModelJsonContext.Default.TrimmedSearchResponse)!.Items!.Count;

    /// <summary>Parses into a DOM, then reads the same 15 fields into the same records as the streaming parser.</summary>
    [Benchmark(Description = "JsonDocument")]
    public List<GitHubRepository> JsonDocument()
    {
        using var document = System.Text.Json.JsonDocument.Parse(_body);
        var items = document.RootElement.GetProperty("items");
        var result = new List<GitHubRepository>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            var topics = item.GetProperty("topics");
            var topicList = new List<string>(topics.GetArrayLength());
            foreach (var topic in topics.EnumerateArray())
            {
                topicList.Add(topic.GetString()!);
            }

            result.Add(new GitHubRepository(
                item.GetProperty("id").GetInt64(),
                item.GetProperty("full_name").GetString()!,
                item.GetProperty("html_url").GetString()!,
                item.GetProperty("description").GetString(),
                item.GetProperty("language").GetString(),
                item.GetProperty("stargazers_count").GetInt32(),
                item.GetProperty("forks_count").GetInt32(),
                item.GetProperty("open_issues_count").GetInt32(),
                topicList.Count > 0 ? topicList : [],
                item.GetProperty("created_at").GetDateTimeOffset().ToUniversalTime(),
                item.GetProperty("pushed_at") is { ValueKind: JsonValueKind.String } pushed ? pushed.GetDateTimeOffset().ToUniversalTime() : null,
                item.GetProperty("owner") is { ValueKind: JsonValueKind.Object } owner ? owner.GetProperty("login").GetString() : null,
                item.GetProperty("license") is { ValueKind: JsonValueKind.Object } license ? license.GetProperty("spdx_id").GetString() : null,
                item.GetProperty("archived").GetBoolean(),
                item.GetProperty("fork").GetBoolean()));
        }

        return result;
    }

    /// <summary>Every member of every item into a full model, source-generated, from the same bytes.</summary>
    [Benchmark(Description = "FullItemModel")]
    public FullSearchResponse FullItemModel()
        => JsonSerializer.Deserialize(_body, FullModelJsonContext.Default.FullSearchResponse)!;

    /// <summary>Octokit's own deserializer; it takes a string, so decoding the UTF-8 body is part of it (as in Octokit's connection).</summary>
    [Benchmark(Baseline = true, Description = "Octokit")]
    public global::Octokit.SearchRepositoryResult Octokit()
        => new global::Octokit.Internal.SimpleJsonSerializer().Deserialize<global::Octokit.SearchRepositoryResult>(Encoding.UTF8.GetString(_body));

    /// <summary>The floor: one Utf8JsonReader pass that visits every token and materializes nothing.</summary>
    [Benchmark(Description = "RawReader")]
    public long RawReader()
    {
        var reader = new Utf8JsonReader(_body);
        long checksum = 0;
        while (reader.Read())
        {
            checksum += (int)reader.TokenType + reader.ValueSpan.Length;
        }

        return checksum;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"ParsePageBenchmark setup: {what} differ from the streaming parser's.");
        }
    }

    private sealed class RepositoryComparer : IEqualityComparer<GitHubRepository>
    {
        public static readonly RepositoryComparer Instance = new();

        public bool Equals(GitHubRepository? x, GitHubRepository? y)
            => x is not null && y is not null && (x with { Topics = [] }) == (y with { Topics = [] }) && x.Topics.SequenceEqual(y.Topics);

        public int GetHashCode(GitHubRepository obj) => obj.Id.GetHashCode();
    }
}
