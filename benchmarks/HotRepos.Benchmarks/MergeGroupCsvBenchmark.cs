using BenchmarkDotNet.Attributes;
using HotRepos.Export;
using HotRepos.GitHub;
using HotRepos.Requests;
using HotRepos.Ranking;

namespace HotRepos.Benchmarks;

/// <summary>
/// Benchmark 2: what happens after the last page arrives. <see cref="MergeGroupCsv"/> is the whole step
/// (RankMerger.Merge + RepositoryGrouper.Group + CsvReportWriter.WriteAsync into a discarding stream);
/// <see cref="MergeGroup"/> leaves out the CSV, so the difference is the CSV's cost.
/// </summary>
[MemoryDiagnoser]
public class MergeGroupCsvBenchmark
{
    private List<IReadOnlyList<GitHubRepository>> _pages = [];

    [Params(500, 1000)]
    public int Repositories { get; set; }

    [Params(CsvLayout.Grouped, CsvLayout.Ranked)]
    public CsvLayout Layout { get; set; }

    [GlobalSetup]
    public void Setup() => _pages = SamplePages.ParsedPages(Repositories / SamplePages.PerPage);

    [Benchmark(Baseline = true)]
    public async Task<int> MergeGroupCsv()
    {
        var ranked = RankMerger.Merge(_pages, Repositories);
        var groups = RepositoryGrouper.Group(ranked, GroupBy.Language);
        await CsvReportWriter.WriteAsync(Stream.Null, Layout, GroupBy.Language, ranked, groups, null, CancellationToken.None);
        return groups.Count;
    }

    [Benchmark]
    public int MergeGroup()
    {
        var ranked = RankMerger.Merge(_pages, Repositories);
        return RepositoryGrouper.Group(ranked, GroupBy.Language).Count;
    }
}
