namespace HotRepos.Tests.TestSupport;

/// <summary>The repository's source tree, found by walking up from the test assembly to the folder holding HotRepos.sln.</summary>
internal static class SourceTree
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "HotRepos.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No folder holding HotRepos.sln above {AppContext.BaseDirectory}.");
        }
    }
}
