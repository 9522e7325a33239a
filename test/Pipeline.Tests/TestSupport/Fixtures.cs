namespace HotRepos.Tests.TestSupport;

/// <summary>
/// The GitHub response bodies under <c>test/Pipeline.Tests/TestSupport/Fixtures</c>, found from the source tree
/// (walking up from the test assembly to the folder holding HotRepos.sln) so that the csproj needs no copy item.
/// </summary>
internal static class Fixtures
{
    public const string Real2021 = "search-repositories-2021-real.json";
    public const string DocsExample = "search-repositories-docs-example.json";

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string PathOf(string name)
    {
        var path = Path.Combine(SourceTree.Root, "test", "Pipeline.Tests", "TestSupport", "Fixtures", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Fixture {name} is missing.", path);
    }
}
