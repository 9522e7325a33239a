using HotRepos.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using HotRepos.Requests;

namespace HotRepos.Tests;

/// <summary>The README's embedding example compiles, runs, and is the same text as in the README.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private const string BeginMarker = "// begin-snippet: embedding";
    private const string EndMarker = "// end-snippet";
    private readonly string _output = Directory.CreateTempSubdirectory("hotrepos-readme-").FullName;

    [Fact]
    public async Task EmbeddingSnippet_WithTheSampleSource_WritesTheReport()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HotRepos:GitHub:Source"] = "Sample",
                ["HotRepos:Reports:OutputDirectory"] = _output,
            })
            .Build();
        var cancellationToken = CancellationToken.None;

        // begin-snippet: embedding
        var services = new ServiceCollection()
            .AddLogging()
            .AddHotRepos(configuration) // binds HotRepos:GitHub:*, HotRepos:Reports:*; or AddHotRepos(github => ..., reports => ...)
            .AddHotReposSample()        // only for HotRepos:GitHub:Source = Sample (offline); from src/Sample
            .BuildServiceProvider();

        var generator = services.GetRequiredService<IReportGenerator>();
        var result = await generator.GenerateAsync(
            new ReportRequest { Period = Period.Week, Top = 200, GroupBy = GroupBy.Topic, Layout = CsvLayout.Ranked },
            new Progress<ReportProgress>(p => Console.WriteLine($"{p.PagesDone}/{p.PagesTotal} pages, {p.Repositories} repositories")),
            cancellationToken);

        Console.WriteLine($"{result.Repositories} repositories in {result.Groups} groups: {result.FilePath}");
        // end-snippet

        await services.DisposeAsync();
        Assert.Equal(200, result.Repositories);
        Assert.Equal(_output, Path.GetDirectoryName(result.FilePath));
        Assert.EndsWith("-topic-ranked-top200.csv", result.FilePath, StringComparison.Ordinal);
        Assert.Equal(200, (await File.ReadAllLinesAsync(result.FilePath)).Count(l => l.Contains("https://github.com/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EmbeddingSnippet_IsTheCodeShownInTheReadme()
    {
        var root = RepositoryRoot();
        var source = await File.ReadAllTextAsync(Path.Combine(root, "test", "Pipeline.Tests", "ReadmeExampleTests.cs"));
        var start = source.IndexOf(BeginMarker + "\n", StringComparison.Ordinal) + BeginMarker.Length + 1;
        var snippet = Dedent(source[start..source.IndexOf(EndMarker, start, StringComparison.Ordinal)]);

        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var section = readme[readme.IndexOf("## Embedding", StringComparison.Ordinal)..];
        var codeStart = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var code = section[codeStart..section.IndexOf("```\n", codeStart, StringComparison.Ordinal)];

        Assert.Equal(snippet, code);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static string Dedent(string text)
    {
        var lines = text.TrimEnd(' ').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HotRepos.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HotRepos.sln not found above " + AppContext.BaseDirectory);
    }
}
