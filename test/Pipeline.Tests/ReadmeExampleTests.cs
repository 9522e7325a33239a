using HotRepos.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using HotRepos.Requests;
using HotRepos.Tests.TestSupport;

namespace HotRepos.Tests;

/// <summary>The README's embedding example compiles, runs, and is the same text as in the README.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
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
    public void EmbeddingSnippet_IsTheCodeShownInTheReadme()
    {
        var snippet = Snippets.FromTest(Path.Combine("test", "Pipeline.Tests", "ReadmeExampleTests.cs"), "embedding");

        Assert.Equal(snippet, Snippets.FromReadme("## Embedding", "```csharp\n"));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
