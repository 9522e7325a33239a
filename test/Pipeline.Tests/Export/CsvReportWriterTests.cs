using System.Globalization;
using System.Text;
using HotRepos.Export;
using HotRepos.GitHub;
using HotRepos.Tests.TestSupport;
using HotRepos.Requests;
using HotRepos.Ranking;

namespace HotRepos.Tests.Export;

public sealed class CsvReportWriterTests
{
    private const string SummaryHeaderLine = "group,count,repositories";
    private const string GroupedHeaderLine = "group,rank_in_group,rank,full_name,html_url,stars,forks,open_issues,language,topics,created_at,description";
    private const string RankedHeaderLine = "rank,full_name,html_url,stars,forks,open_issues,language,topics,created_at,description,group";

    // CsvHelper's default InjectionCharacters, which InjectionOptions.Escape neutralizes.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    [Theory]
    [InlineData(CsvLayout.Grouped, GroupedHeaderLine)]
    [InlineData(CsvLayout.Ranked, RankedHeaderLine)]
    [InlineData(CsvLayout.Summary, SummaryHeaderLine)]
    public async Task WriteAsync_Layout_FirstRowIsExactHeader(CsvLayout layout, string expectedHeader)
    {
        var text = Encoding.UTF8.GetString(await WriteAsync(layout, GroupBy.Language, TestRepositories.Create(1)));

        Assert.StartsWith(expectedHeader + "\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CsvLayout.Grouped, GroupedHeaderLine)]
    [InlineData(CsvLayout.Ranked, RankedHeaderLine)]
    [InlineData(CsvLayout.Summary, SummaryHeaderLine)]
    public async Task WriteAsync_NoRepositories_WritesHeaderOnly(CsvLayout layout, string header)
    {
        var bytes = await WriteAsync(layout, GroupBy.Language);

        var expected = header + "\r\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task WriteAsync_Summary_WritesOneRowPerGroupWithCountAndMembersInRankOrder()
    {
        var bytes = await WriteAsync(
            CsvLayout.Summary,
            GroupBy.Language,
            TestRepositories.Create(1, "Rust") with { FullName = "tokio-rs/axum" },
            TestRepositories.Create(2, "Go") with { FullName = "golang/go" },
            TestRepositories.Create(3, "Rust") with { FullName = "rust-lang/rust" });

        // Groups sorted by name; members in rank order after the count.
        Assert.Equal(
            SummaryHeaderLine + "\r\n"
            + "Go,1,golang/go\r\n"
            + "Rust,2,tokio-rs/axum,rust-lang/rust\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task WriteAsync_SummaryByTopic_ListsRepositoryInEachTopicRow()
    {
        var rows = CsvRows.Read(await WriteAsync(
            CsvLayout.Summary,
            GroupBy.Topic,
            TestRepositories.Create(1, "Rust", "cli", "tui"),
            TestRepositories.Create(2, "Go"),
            TestRepositories.Create(3, "Go", "cli")));

        Assert.Equal(4, rows.Count);
        Assert.Equal(["cli", "2", "owner1/repo1", "owner3/repo3"], rows[1]);
        Assert.Equal(["tui", "1", "owner1/repo1"], rows[2]);
        Assert.Equal(["untagged", "1", "owner2/repo2"], rows[3]);
    }

    [Fact]
    public async Task WriteAsync_Grouped_WritesOneRowPerRepositoryByGroupThenRankWithRankInGroup()
    {
        var rows = CsvRows.Read(await WriteAsync(
            CsvLayout.Grouped,
            GroupBy.Language,
            TestRepositories.Create(1, "Rust") with { FullName = "tokio-rs/axum", Stars = 300 },
            TestRepositories.Create(2, "Go") with { FullName = "golang/go", Stars = 200 },
            TestRepositories.Create(3, "Rust") with { FullName = "rust-lang/rust", Stars = 100 }));

        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(12, row.Length));
        Assert.Equal(["Go", "1", "2", "golang/go", "https://github.com/owner2/repo2", "200"], rows[1][..6]);
        Assert.Equal(["Rust", "1", "1", "tokio-rs/axum"], rows[2][..4]);
        Assert.Equal(["Rust", "2", "3", "rust-lang/rust"], rows[3][..4]);
    }

    [Fact]
    public async Task WriteAsync_GroupedByTopic_WritesOneRowPerRepositoryAndTopic()
    {
        var rows = CsvRows.Read(await WriteAsync(
            CsvLayout.Grouped,
            GroupBy.Topic,
            TestRepositories.Create(1, "Rust", "cli", "tui"),
            TestRepositories.Create(2, "Go"),
            TestRepositories.Create(3, "Go", "cli")));

        Assert.Equal(
            [["cli", "1", "1", "owner1/repo1"], ["cli", "2", "3", "owner3/repo3"], ["tui", "1", "1", "owner1/repo1"], ["untagged", "1", "2", "owner2/repo2"]],
            rows.Skip(1).Select(r => r[..4]).ToArray());
    }

    [Theory]
    [InlineData(CsvLayout.Grouped, 12)]
    [InlineData(CsvLayout.Ranked, 11)]
    public async Task WriteAsync_WithMovement_AddsStarsGainedAndPerDayEmptyWhereUnknown(CsvLayout layout, int columns)
    {
        var ranked = TestRepositories.Ranked(TestRepositories.Create(1, "Go"), TestRepositories.Create(2, "Go"));
        var since = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var movement = new Dictionary<long, StarMovement> { [ranked[0].Repository.Id] = new StarMovement(45, 22.5, since) };
        using var destination = new MemoryStream();

        await CsvReportWriter.WriteAsync(destination, layout, GroupBy.Language, ranked, RepositoryGrouper.Group(ranked, GroupBy.Language), movement, CancellationToken.None);

        var rows = CsvRows.Read(destination.ToArray());
        Assert.Equal(["stars_gained", "stars_per_day"], rows[0][columns..]);
        Assert.Equal(["45", "22.5"], rows[1][columns..]);
        Assert.Equal(["", ""], rows[2][columns..]);
    }

    [Fact]
    public async Task WriteAsync_SummaryWithMovement_HasNoMovementColumns()
    {
        var ranked = TestRepositories.Ranked(TestRepositories.Create(1, "Go"));
        var movement = new Dictionary<long, StarMovement> { [ranked[0].Repository.Id] = new StarMovement(1, 1, DateTimeOffset.UnixEpoch) };
        using var destination = new MemoryStream();

        await CsvReportWriter.WriteAsync(destination, CsvLayout.Summary, GroupBy.Language, ranked, RepositoryGrouper.Group(ranked, GroupBy.Language), movement, CancellationToken.None);

        Assert.Equal([SummaryHeaderLine, "Go,1,owner1/repo1", ""], Encoding.UTF8.GetString(destination.ToArray()).Split("\r\n"));
    }

    [Fact]
    public async Task WriteAsync_Ranked_WritesEveryColumnOfEachRepositoryInRankOrder()
    {
        var first = TestRepositories.Create(1, "Rust", "cli", "tui") with
        {
            FullName = "tokio-rs/axum",
            HtmlUrl = "https://github.com/tokio-rs/axum",
            Stars = 1234,
            Forks = 56,
            OpenIssues = 7,
            CreatedAt = new DateTimeOffset(2026, 11, 21, 8, 30, 5, TimeSpan.Zero),
            Description = "Web framework",
        };
        var second = TestRepositories.Create(2, null) with { Description = null, Stars = 99, Forks = 0, OpenIssues = 0 };

        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, GroupBy.Language, first, second));

        Assert.Equal(3, rows.Count);
        Assert.Equal(
            ["1", "tokio-rs/axum", "https://github.com/tokio-rs/axum", "1234", "56", "7", "Rust", "cli;tui", "2026-11-21T08:30:05Z", "Web framework", "Rust"],
            rows[1]);
        Assert.Equal(
            ["2", "owner2/repo2", "https://github.com/owner2/repo2", "99", "0", "0", "", "", "2026-11-21T08:30:00Z", "", "unknown"],
            rows[2]);
    }

    [Theory]
    [InlineData(GroupBy.Language, "Rust")]
    [InlineData(GroupBy.Topic, "cli;tui")]
    public async Task WriteAsync_RankedGroupColumn_FollowsGrouping(GroupBy groupBy, string expectedGroup)
    {
        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, groupBy, TestRepositories.Create(1, "Rust", "cli", "tui", "CLI")));

        Assert.Equal(expectedGroup, rows[1][10]);
    }

    [Fact]
    public async Task WriteAsync_RankedByTopicWithoutTopics_GroupColumnIsUntagged()
    {
        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, GroupBy.Topic, TestRepositories.Create(1)));

        Assert.Equal("", rows[1][7]);
        Assert.Equal("untagged", rows[1][10]);
    }

    [Fact]
    public async Task WriteAsync_RankedTopics_JoinsTopicsWithSemicolonsInGitHubOrder()
    {
        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, GroupBy.Language, TestRepositories.Create(1, "Rust", "tui", "cli", "rust")));

        Assert.Equal("tui;cli;rust", rows[1][7]);
    }

    [Theory]
    [InlineData("2026-11-21T08:30:05+00:00", "2026-11-21T08:30:05Z")]
    [InlineData("2026-11-21T10:30:05+02:00", "2026-11-21T08:30:05Z")]
    [InlineData("2026-11-20T23:30:05-05:00", "2026-11-21T04:30:05Z")]
    [InlineData("2026-12-31T23:59:59.9990000+00:00", "2026-12-31T23:59:59Z")]
    [InlineData("2027-01-01T00:30:00+01:00", "2026-12-31T23:30:00Z")]
    public async Task WriteAsync_RankedCreatedAt_WritesIso8601UtcToTheSecond(string createdAt, string expected)
    {
        var repository = TestRepositories.Create(1) with
        {
            CreatedAt = DateTimeOffset.Parse(createdAt, CultureInfo.InvariantCulture),
        };

        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, GroupBy.Language, repository));

        Assert.Equal(expected, rows[1][8]);
    }

    [Theory]
    [InlineData(CsvLayout.Grouped)]
    [InlineData(CsvLayout.Ranked)]
    public async Task WriteAsync_Layout_EndsEveryRowWithCrLf(CsvLayout layout)
    {
        var text = Encoding.UTF8.GetString(await WriteAsync(layout, GroupBy.Language, TestRepositories.Create(1), TestRepositories.Create(2, "Go")));

        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var withoutRowEnds = text.Replace("\r\n", "", StringComparison.Ordinal);
        Assert.DoesNotContain('\n', withoutRowEnds);
        Assert.DoesNotContain('\r', withoutRowEnds);
        Assert.Equal(3, text.Split("\r\n").Length - 1);
    }

    [Theory]
    [InlineData(CsvLayout.Grouped)]
    [InlineData(CsvLayout.Ranked)]
    public async Task WriteAsync_NonAsciiText_WritesUtf8WithoutBom(CsvLayout layout)
    {
        var bytes = await WriteAsync(layout, GroupBy.Language, TestRepositories.Create(1, "仓颉") with { Description = "仅用查看文档 🚀" });

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The file starts with a UTF-8 BOM.");
        Assert.Equal((byte)(layout == CsvLayout.Ranked ? 'r' : 'g'), bytes[0]);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.Contains("仓颉", strict.GetString(bytes), StringComparison.Ordinal);
        Assert.True(bytes.AsSpan().IndexOf(strict.GetBytes("仓颉")) >= 0);
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("a, b, and c")]
    [InlineData("say \"hello\"")]
    [InlineData("\"quoted\"")]
    [InlineData("\"")]
    [InlineData("line one\nline two")]
    [InlineData("line one\r\nline two")]
    [InlineData("ends with a line break\n")]
    [InlineData("lone\rcarriage return")]
    [InlineData("comma, \"quote\" and\r\nCRLF together")]
    [InlineData("仅用查看文档")]
    [InlineData("日本語のリポジトリ、テスト")]
    [InlineData("🚀 rockets 👩‍💻 and flags 🇯🇵")]
    [InlineData("trailing spaces  ")]
    [InlineData("  leading spaces")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public async Task WriteAsync_RankedDescription_ReadsBackExactly(string description)
    {
        var repositories = new[]
        {
            TestRepositories.Create(1) with { Description = description },
            TestRepositories.Create(2) with { Description = "next row" },
        };

        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, GroupBy.Language, repositories));

        // Exactly one row per repository: a break inside the description did not split the row.
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal(11, row.Length));
        Assert.Equal(description, rows[1][9]);
        Assert.Equal("next row", rows[2][9]);
        Assert.Equal("2", rows[2][0]);
    }

    // InjectionOptions.Escape (CsvHelper 33.1): a field that starts with = + - @ tab or CR is written as a
    // quoted field with a single apostrophe put in front ("'=1+1"), so reading it back gives "'" + original and
    // no cell starts with a formula character. Checked empirically against CsvHelper 33.1.0.
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"click\")")]
    [InlineData("=1+1")]
    [InlineData("+1 555 0100")]
    [InlineData("-2+3")]
    [InlineData("-")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\rcmd")]
    [InlineData("=a, \"b\"\r\nc")]
    public async Task WriteAsync_FormulaLikeDescription_PrefixesSingleApostrophe(string description)
    {
        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, GroupBy.Language, TestRepositories.Create(1) with { Description = description }));

        Assert.Equal("'" + description, rows[1][9]);
    }

    [Theory]
    [InlineData("x=1")]
    [InlineData("a-b")]
    [InlineData("e-mail me @ home")]
    public async Task WriteAsync_FormulaCharacterNotFirst_LeavesDescriptionAlone(string description)
    {
        var rows = CsvRows.Read(await WriteAsync(CsvLayout.Ranked, GroupBy.Language, TestRepositories.Create(1) with { Description = description }));

        Assert.Equal(description, rows[1][9]);
    }

    [Theory]
    [InlineData(CsvLayout.Grouped)]
    [InlineData(CsvLayout.Ranked)]
    [InlineData(CsvLayout.Summary)]
    public async Task WriteAsync_FormulaLikeTextInEveryTextColumn_NoCellStartsWithFormulaCharacter(CsvLayout layout)
    {
        // Every text column takes values from GitHub; a hostile or broken server could send any of them.
        var hostile = TestRepositories.Create(1, "=cmd|' /C calc'!A0", "-topic") with
        {
            FullName = "@owner/=repo",
            HtmlUrl = "+https://github.com/x",
            Description = "\t=1+1",
        };
        var groupBy = layout == CsvLayout.Ranked ? GroupBy.Topic : GroupBy.Language;

        var rows = CsvRows.Read(await WriteAsync(layout, groupBy, hostile));

        var cells = rows.Skip(1).SelectMany(row => row).ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, cell => Assert.False(cell.Length > 0 && FormulaStarts.Contains(cell[0]), $"Cell starts with a formula character: {cell}"));
        if (layout == CsvLayout.Summary)
        {
            Assert.Equal(["'=cmd|' /C calc'!A0", "1", "'@owner/=repo"], rows[1]);
        }
        else if (layout == CsvLayout.Grouped)
        {
            Assert.Equal("'=cmd|' /C calc'!A0", rows[1][0]);
            Assert.Equal("'@owner/=repo", rows[1][3]);
            Assert.Equal("'+https://github.com/x", rows[1][4]);
            Assert.Equal("'-topic", rows[1][9]);
            Assert.Equal("'\t=1+1", rows[1][11]);
        }
        else
        {
            Assert.Equal("'@owner/=repo", rows[1][1]);
            Assert.Equal("'+https://github.com/x", rows[1][2]);
            Assert.Equal("'=cmd|' /C calc'!A0", rows[1][6]);
            Assert.Equal("'-topic", rows[1][7]);
            Assert.Equal("'\t=1+1", rows[1][9]);
            Assert.Equal("'-topic", rows[1][10]);
        }
    }

    [Fact]
    public async Task WriteAsync_Destination_LeavesStreamOpenForCaller()
    {
        using var destination = new MemoryStream();

        await WriteAsync(destination, CsvLayout.Ranked, GroupBy.Language, TestRepositories.Ranked(TestRepositories.Create(1)), CancellationToken.None);

        Assert.True(destination.CanWrite);
        Assert.True(destination.Length > 0);
    }

    [Theory]
    [InlineData(CsvLayout.Grouped)]
    [InlineData(CsvLayout.Ranked)]
    public async Task WriteAsync_CancelledToken_ThrowsOperationCanceled(CsvLayout layout)
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var destination = new MemoryStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => WriteAsync(destination, layout, GroupBy.Language, TestRepositories.Ranked(TestRepositories.Create(1)), cts.Token));
    }

    private static async Task<byte[]> WriteAsync(CsvLayout layout, GroupBy groupBy, params GitHubRepository[] repositories)
    {
        using var destination = new MemoryStream();
        await WriteAsync(destination, layout, groupBy, TestRepositories.Ranked(repositories), CancellationToken.None);
        return destination.ToArray();
    }

    private static Task WriteAsync(Stream destination, CsvLayout layout, GroupBy groupBy, List<RankedRepository> ranked, CancellationToken cancellationToken) =>
        CsvReportWriter.WriteAsync(destination, layout, groupBy, ranked, RepositoryGrouper.Group(ranked, groupBy), null, cancellationToken);
}
