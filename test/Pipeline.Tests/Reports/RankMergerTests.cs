using HotRepos.GitHub;
using HotRepos.Tests.TestSupport;
using HotRepos.Ranking;

namespace HotRepos.Tests.Reports;

public sealed class RankMergerTests
{
    [Fact]
    public void Merge_DistinctPages_RanksPageByPageInGitHubOrder()
    {
        IReadOnlyList<GitHubRepository>[] pages = [Page(11, 12, 13), Page(21, 22, 23)];

        var ranked = RankMerger.Merge(pages, top: 10);

        Assert.Equal([1, 2, 3, 4, 5, 6], ranked.Select(r => r.Rank));
        Assert.Equal([11L, 12, 13, 21, 22, 23], ranked.Select(r => r.Repository.Id));
    }

    [Fact]
    public void Merge_RepositoryOnOverlappingPages_KeepsItOnceAtItsFirstRank()
    {
        // Repository 13 moved down a page while the pages were fetched: it is on page 1 and page 2.
        IReadOnlyList<GitHubRepository>[] pages = [Page(11, 12, 13), Page(13, 21, 22)];

        var ranked = RankMerger.Merge(pages, top: 10);

        Assert.Equal([11L, 12, 13, 21, 22], ranked.Select(r => r.Repository.Id));
        Assert.Equal([1, 2, 3, 4, 5], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Merge_DuplicateInLaterPages_LeavesNoGapInRanks()
    {
        IReadOnlyList<GitHubRepository>[] pages = [Page(1, 2), Page(2, 1, 3), Page(3, 4)];

        var ranked = RankMerger.Merge(pages, top: 10);

        Assert.Equal([1L, 2, 3, 4], ranked.Select(r => r.Repository.Id));
        Assert.Equal([1, 2, 3, 4], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Merge_SameIdWithChangedDetails_KeepsFirstSeenVersion()
    {
        // The id is stable across renames; the first (best-ranked) sighting is the one reported.
        var first = TestRepositories.Create(7) with { FullName = "old/name", Stars = 90 };
        var renamed = TestRepositories.Create(7) with { FullName = "new/name", Stars = 80 };
        IReadOnlyList<GitHubRepository>[] pages = [[first], [renamed]];

        var ranked = RankMerger.Merge(pages, top: 10);

        var only = Assert.Single(ranked);
        Assert.Same(first, only.Repository);
        Assert.Equal(1, only.Rank);
    }

    [Fact]
    public void Merge_SameNameDifferentIds_KeepsBoth()
    {
        var a = TestRepositories.Create(1) with { FullName = "same/name" };
        var b = TestRepositories.Create(2) with { FullName = "same/name" };
        IReadOnlyList<GitHubRepository>[] pages = [[a, b]];

        var ranked = RankMerger.Merge(pages, top: 10);

        Assert.Equal(2, ranked.Count);
    }

    [Theory]
    [InlineData(1, new long[] { 11 })]
    [InlineData(2, new long[] { 11, 12 })]
    [InlineData(3, new long[] { 11, 12, 21 })]
    [InlineData(4, new long[] { 11, 12, 21, 22 })]
    public void Merge_MoreThanTop_StopsAtTop(int top, long[] expectedIds)
    {
        IReadOnlyList<GitHubRepository>[] pages = [Page(11, 12), Page(21, 22), Page(31, 32)];

        var ranked = RankMerger.Merge(pages, top);

        Assert.Equal(expectedIds, ranked.Select(r => r.Repository.Id));
        Assert.Equal(Enumerable.Range(1, top), ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Merge_DuplicatesBeforeTop_CountsOnlyUniqueRepositoriesTowardsTop()
    {
        IReadOnlyList<GitHubRepository>[] pages = [Page(1, 2, 3), Page(3, 2, 4, 5)];

        var ranked = RankMerger.Merge(pages, top: 4);

        Assert.Equal([1L, 2, 3, 4], ranked.Select(r => r.Repository.Id));
    }

    [Fact]
    public void Merge_FewerThanTopAvailable_ReturnsAllOfThem()
    {
        IReadOnlyList<GitHubRepository>[] pages = [Page(1, 2), Page(2, 3)];

        var ranked = RankMerger.Merge(pages, top: 100);

        Assert.Equal([1L, 2, 3], ranked.Select(r => r.Repository.Id));
    }

    [Fact]
    public void Merge_EmptyPageBetweenPages_SkipsIt()
    {
        IReadOnlyList<GitHubRepository>[] pages = [Page(1), Page(), Page(2)];

        var ranked = RankMerger.Merge(pages, top: 10);

        Assert.Equal([1L, 2], ranked.Select(r => r.Repository.Id));
        Assert.Equal([1, 2], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Merge_NoPages_ReturnsEmpty()
    {
        Assert.Empty(RankMerger.Merge([], top: 10));
    }

    private static GitHubRepository[] Page(params long[] ids) => ids.Select(id => TestRepositories.Create(id)).ToArray();
}
