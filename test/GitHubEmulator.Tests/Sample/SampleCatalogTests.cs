using HotRepos.Sample;

namespace HotRepos.GitHubEmulator.Tests.Sample;

public sealed class SampleCatalogTests
{
    private static readonly DateTimeOffset Midnight = new(TestData.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static IReadOnlyList<SampleRepository> Catalog => SampleCatalog.Create(TestData.Today);

    private static int CreatedSince(int days) => Catalog.Count(r => r.CreatedAt >= Midnight.AddDays(-days));

    [Fact]
    public void Create_SameInputsUncached_IdenticalRepositories()
    {
        var a = SampleCatalog.Create(TestData.Today, 500, 7);
        var b = SampleCatalog.Create(TestData.Today, 500, 7);
        var c = SampleCatalog.Create(TestData.Today, 500, 8);

        Assert.Equal(a.Select(Describe), b.Select(Describe));
        Assert.NotEqual(a.Select(Describe), c.Select(Describe));
    }

    [Fact]
    public void Create_NextDay_DatesShiftWithToday()
    {
        var tomorrow = SampleCatalog.Create(TestData.Today.AddDays(1));

        Assert.True(tomorrow.Max(r => r.CreatedAt) > Midnight);
        Assert.All(tomorrow, r => Assert.True(r.CreatedAt < Midnight.AddDays(1) && r.CreatedAt >= Midnight.AddDays(1 - SampleCatalog.SpanDays)));
    }

    [Fact]
    public void Create_Default_CreationDatesInSpanAndSkewedRecent()
    {
        Assert.Equal(SampleCatalog.DefaultCount, Catalog.Count);
        Assert.All(Catalog, r => Assert.True(r.CreatedAt < Midnight && r.CreatedAt >= Midnight.AddDays(-SampleCatalog.SpanDays)));
        Assert.True(CreatedSince(1) >= 60, $"day: {CreatedSince(1)}");
        Assert.True(CreatedSince(7) >= 700, $"week: {CreatedSince(7)}");
        Assert.True(CreatedSince(30) >= 1500, $"month: {CreatedSince(30)}");
    }

    [Fact]
    public void Create_Default_StarsHeavyTailedWithTies()
    {
        var stars = Catalog.Select(r => r.Stargazers).ToList();

        Assert.InRange(stars.Max(), 1000, 200_000);
        Assert.True(stars.Count(s => s < 10) > Catalog.Count / 2);
        var week = Catalog.Where(r => r.CreatedAt >= Midnight.AddDays(-7)).OrderByDescending(r => r.Stargazers).Take(500).ToList();
        Assert.True(week.GroupBy(r => r.Stargazers).Any(g => g.Count() > 1), "no tied star counts in the week's top 500");
    }

    [Fact]
    public void Create_Default_RealisticMix()
    {
        var nullLanguage = Catalog.Count(r => r.Language is null) / (double)Catalog.Count;
        var noTopics = Catalog.Count(r => r.Topics.Count == 0) / (double)Catalog.Count;

        Assert.InRange(nullLanguage, 0.08, 0.25);
        Assert.InRange(noTopics, 0.15, 0.35);
        Assert.All(Catalog, r => Assert.InRange(r.Topics.Count, 0, 6));
        foreach (var language in new[] { "TypeScript", "Python", "Rust", "Go", "C#", "Jupyter Notebook", "Zig" })
        {
            Assert.Contains(Catalog, r => r.Language == language);
        }

        Assert.Contains(Catalog, r => r.License is null);
        Assert.Contains(Catalog, r => r.Archived);
        Assert.InRange(Catalog.Count(r => r.Fork), 30, 600);
        Assert.True(Catalog.GroupBy(r => r.OwnerLogin).Any(g => g.Count() > 5), "owners are not reused");
        Assert.Equal(Catalog.Count, Catalog.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Catalog.Count, Catalog.Select(r => r.FullName.ToUpperInvariant()).Distinct().Count());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData(",")]
    [InlineData("\"")]
    [InlineData("🚀")]
    [InlineData("大")]
    [InlineData("é")]
    public void Create_Default_DescriptionsContainHostileText(string fragment)
        => Assert.Contains(Catalog, r => r.Description?.Contains(fragment, StringComparison.Ordinal) == true);

    [Theory]
    [InlineData('=')]
    [InlineData('+')]
    [InlineData('-')]
    [InlineData('@')]
    [InlineData('\t')]
    [InlineData('\r')]
    public void Create_Default_DescriptionsStartWithFormulaCharacters(char first)
        => Assert.Contains(Catalog, r => r.Description is { Length: > 0 } d && d[0] == first);

    [Fact]
    public void Create_Default_SomeDescriptionsNull()
        => Assert.Contains(Catalog, r => r.Description is null);

    private static string Describe(SampleRepository r)
        => string.Join("|", r.Id, r.FullName, r.Stargazers, r.Language, r.Description, r.CreatedAt.ToUnixTimeSeconds(), string.Join(",", r.Topics), r.License?.Key);
}
