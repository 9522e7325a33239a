using System.Diagnostics;

namespace HotRepos.App.Tests.TestSupport;

/// <summary>How tests start the real <c>hotrepos</c> executable: configured only by the environment they give it.</summary>
internal static class HotReposProcess
{
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hotrepos.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must not inherit a token, configuration or URLs from whoever runs the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("HOTREPOS__", StringComparison.OrdinalIgnoreCase) || k is "GITHUB_TOKEN" or "ASPNETCORE_URLS").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
