using HotRepos.Tests.TestSupport;
using HotRepos.Requests;
using HotRepos.Ranking;

namespace HotRepos.Tests.Reports;

public sealed class RepositoryGrouperTests
{
    [Fact]
    public void Group_ByLanguage_PutsEachRepositoryInItsLanguage()
    {
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(1, "Rust"),
            TestRepositories.Create(2, "Go"),
            TestRepositories.Create(3, "Rust"));

        var groups = RepositoryGrouper.Group(ranked, GroupBy.Language);

        Assert.Equal(["Go", "Rust"], groups.Select(g => g.Name));
        Assert.Equal([2L], groups[0].Repositories.Select(r => r.Repository.Id));
        Assert.Equal([1L, 3], groups[1].Repositories.Select(r => r.Repository.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Group_ByLanguageWithoutLanguage_UsesUnknown(string? language)
    {
        var ranked = TestRepositories.Ranked(TestRepositories.Create(1, language));

        var group = Assert.Single(RepositoryGrouper.Group(ranked, GroupBy.Language));

        Assert.Equal("unknown", group.Name);
        Assert.Equal(RepositoryGrouper.UnknownLanguage, group.Name);
        Assert.Equal(1, Assert.Single(group.Repositories).Repository.Id);
    }

    [Fact]
    public void Group_ByLanguageNullAndBlank_ShareOneUnknownGroup()
    {
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(1, null),
            TestRepositories.Create(2, "C"),
            TestRepositories.Create(3, " "));

        var groups = RepositoryGrouper.Group(ranked, GroupBy.Language);

        Assert.Equal(["C", "unknown"], groups.Select(g => g.Name));
        Assert.Equal([1L, 3], groups[1].Repositories.Select(r => r.Repository.Id));
    }

    [Fact]
    public void Group_ByTopic_ListsRepositoryUnderEachOfItsTopics()
    {
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(1, "Rust", "cli", "rust"),
            TestRepositories.Create(2, "Go", "cli"));

        var groups = RepositoryGrouper.Group(ranked, GroupBy.Topic);

        Assert.Equal(["cli", "rust"], groups.Select(g => g.Name));
        Assert.Equal([1L, 2], groups[0].Repositories.Select(r => r.Repository.Id));
        Assert.Equal([1L], groups[1].Repositories.Select(r => r.Repository.Id));
    }

    [Fact]
    public void Group_ByTopicWithoutTopics_UsesUntagged()
    {
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(1, "Rust"),
            TestRepositories.Create(2, "Go", "cli"),
            TestRepositories.Create(3, "C"));

        var groups = RepositoryGrouper.Group(ranked, GroupBy.Topic);

        Assert.Equal(["cli", "untagged"], groups.Select(g => g.Name));
        Assert.Equal(RepositoryGrouper.Untagged, groups[1].Name);
        Assert.Equal([1L, 3], groups[1].Repositories.Select(r => r.Repository.Id));
    }

    [Fact]
    public void Group_ByTopicWithOnlyBlankTopics_UsesUntagged()
    {
        var ranked = TestRepositories.Ranked(TestRepositories.Create(1, "Rust", "", "  "));

        var group = Assert.Single(RepositoryGrouper.Group(ranked, GroupBy.Topic));

        Assert.Equal("untagged", group.Name);
    }

    [Theory]
    [InlineData("cli", "cli")]
    [InlineData("cli", "CLI")]
    public void Group_ByTopicWithRepeatedTopic_ListsRepositoryOnce(string first, string repeated)
    {
        var ranked = TestRepositories.Ranked(TestRepositories.Create(1, "Rust", first, "tui", repeated));

        var groups = RepositoryGrouper.Group(ranked, GroupBy.Topic);

        Assert.Equal(["cli", "tui"], groups.Select(g => g.Name));
        Assert.Single(groups[0].Repositories);
    }

    [Fact]
    public void Group_NamesDifferingInCase_SortsCaseInsensitively()
    {
        // Ordinal order would be C, Rust, Zig, go, unknown (upper case first).
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(1, "Zig"),
            TestRepositories.Create(2, "go"),
            TestRepositories.Create(3, null),
            TestRepositories.Create(4, "Rust"),
            TestRepositories.Create(5, "C"));

        var groups = RepositoryGrouper.Group(ranked, GroupBy.Language);

        Assert.Equal(["C", "go", "Rust", "unknown", "Zig"], groups.Select(g => g.Name));
    }

    [Fact]
    public void Group_MembersInput_KeepsRankOrderInEveryGroup()
    {
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(10, "Go", "web"),
            TestRepositories.Create(20, "Rust", "cli"),
            TestRepositories.Create(30, "Go", "cli", "web"),
            TestRepositories.Create(40, "Rust", "web"),
            TestRepositories.Create(50, "Go", "cli"));

        var byLanguage = RepositoryGrouper.Group(ranked, GroupBy.Language);
        var byTopic = RepositoryGrouper.Group(ranked, GroupBy.Topic);

        Assert.Equal([1, 3, 5], byLanguage.Single(g => g.Name == "Go").Repositories.Select(r => r.Rank));
        Assert.Equal([2, 4], byLanguage.Single(g => g.Name == "Rust").Repositories.Select(r => r.Rank));
        Assert.Equal([2, 3, 5], byTopic.Single(g => g.Name == "cli").Repositories.Select(r => r.Rank));
        Assert.Equal([1, 3, 4], byTopic.Single(g => g.Name == "web").Repositories.Select(r => r.Rank));
    }

    [Theory]
    [InlineData("TypeScript", "typescript")]
    [InlineData("typescript", "TYPESCRIPT")]
    public void Group_ByLanguageDifferingOnlyInCase_MergesUnderBestRankedSpelling(string first, string second)
    {
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(1, first),
            TestRepositories.Create(2, second));

        var group = Assert.Single(RepositoryGrouper.Group(ranked, GroupBy.Language));

        Assert.Equal(first, group.Name);
        Assert.Equal([1, 2], group.Repositories.Select(r => r.Rank));
    }

    [Fact]
    public void Group_ByTopicDifferingOnlyInCaseAcrossRepositories_MergesUnderBestRankedSpelling()
    {
        var ranked = TestRepositories.Ranked(
            TestRepositories.Create(1, "Go", "WebAssembly"),
            TestRepositories.Create(2, "Rust", "webassembly"));

        var group = Assert.Single(RepositoryGrouper.Group(ranked, GroupBy.Topic));

        Assert.Equal("WebAssembly", group.Name);
        Assert.Equal([1, 2], group.Repositories.Select(r => r.Rank));
    }

    [Theory]
    [InlineData(GroupBy.Language)]
    [InlineData(GroupBy.Topic)]
    public void Group_NoRepositories_ReturnsNoGroups(GroupBy groupBy)
    {
        Assert.Empty(RepositoryGrouper.Group([], groupBy));
    }

    [Fact]
    public void Group_UndefinedGroupBy_ThrowsArgumentOutOfRange()
    {
        var ranked = TestRepositories.Ranked(TestRepositories.Create(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => RepositoryGrouper.Group(ranked, (GroupBy)9));
    }

    [Theory]
    [InlineData(GroupBy.Language, new[] { "Rust" })]
    [InlineData(GroupBy.Topic, new[] { "cli", "tui" })]
    public void GroupNames_Repository_ReturnsGroupsItBelongsTo(GroupBy groupBy, string[] expected)
    {
        var repository = TestRepositories.Ranked(TestRepositories.Create(1, "Rust", "cli", "tui", "cli"))[0];

        Assert.Equal(expected, RepositoryGrouper.GroupNames(repository, groupBy));
    }
}
