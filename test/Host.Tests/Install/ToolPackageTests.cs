using System.Diagnostics;
using HotRepos.Tests.TestSupport;

namespace HotRepos.App.Tests.Install;

/// <summary>
/// Packs <c>src/Host</c> as the .NET tool package once for the class, installs it into a temporary tool path from
/// that folder alone (offline: a nuget.config with only the folder and an empty package cache of its own), and runs the
/// installed <c>hotrepos</c> command, as README's Install section tells users to.
/// </summary>
public sealed class ToolPackageTests(ToolPackageTests.InstalledTool tool) : IClassFixture<ToolPackageTests.InstalledTool>
{
    [Fact]
    public async Task InstalledTool_ReportFromSample_WritesCsvWith500Repositories()
    {
        var output = Path.Combine(tool.Root, "reports");

        var (exitCode, stdout, stderr) = await ToolProcess.RunAsync(
            tool.Command, tool.Root, ["report", "--source", "sample", "--layout", "ranked", "--out", output], TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, stderr);
        var path = stdout.Trim().Split('\n')[^1];
        Assert.Equal(output, Path.GetDirectoryName(path));
        Assert.Equal(500, CsvRows.ReadRanked(path).Count);
    }

    [Fact]
    public async Task InstalledTool_Version_PrintsPackageVersion()
    {
        var (exitCode, stdout, stderr) = await ToolProcess.RunAsync(tool.Command, tool.Root, ["--version"], TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith(InstalledTool.Version, stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void InstalledTool_Files_CarryConfigurationAndWebPageNextToTheExecutable()
    {
        var dll = Directory.GetFiles(Path.Combine(tool.Root, "tools"), "hotrepos.dll", SearchOption.AllDirectories).Single();
        var folder = Path.GetDirectoryName(dll)!;

        Assert.True(File.Exists(Path.Combine(folder, "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(folder, "wwwroot", "index.html")));
    }

    /// <summary>The package, packed and installed once for all tests of the class.</summary>
    public sealed class InstalledTool : IAsyncLifetime
    {
        public const string PackageId = "HotRepos.Tool";
        public const string Version = "0.1.0";

#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif

        public string Root { get; } = Directory.CreateTempSubdirectory("hotrepos-tool-").FullName;

        public string Command => Path.Combine(Root, "tools", "hotrepos");

        public async Task InitializeAsync()
        {
            var feed = Path.Combine(Root, "feed");
            var project = Path.Combine(RepositoryRoot(), "src", "Host");

            // The test's own configuration: the project is built already, so pack only packs.
            await RunDotnetAsync(["pack", project, "-c", Configuration, "-o", feed], extraEnvironment: new Dictionary<string, string>());

            var config = Path.Combine(Root, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="hotrepos" value="{feed}" />
                  </packageSources>
                </configuration>
                """);

            // A package cache of its own: a HotRepos.Tool 0.1.0 from an earlier run must not answer for this one.
            await RunDotnetAsync(
                ["tool", "install", "--tool-path", Path.Combine(Root, "tools"), "--configfile", config, "--add-source", feed, PackageId, "--version", Version],
                extraEnvironment: new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") });
        }

        public Task DisposeAsync()
        {
            Directory.Delete(Root, recursive: true);
            return Task.CompletedTask;
        }

        private async Task RunDotnetAsync(string[] args, IReadOnlyDictionary<string, string> extraEnvironment)
        {
            var (exitCode, stdout, stderr) = await ToolProcess.RunAsync("dotnet", Root, args, TimeSpan.FromMinutes(8), extraEnvironment);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet {string.Join(' ', args)} exited with {exitCode}:\n{stdout}\n{stderr}");
            }
        }

        private static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "HotRepos.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException("HotRepos.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static class ToolProcess
    {
        public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
            string fileName,
            string workingDirectory,
            IEnumerable<string> args,
            TimeSpan hangLimit,
            IReadOnlyDictionary<string, string>? extraEnvironment = null)
        {
            var start = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // Neither the test run's MSBuild nor a token or configuration of whoever runs the tests reaches the child.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("HOTREPOS__", StringComparison.OrdinalIgnoreCase) || k is "GITHUB_TOKEN" or "ASPNETCORE_URLS").ToList())
            {
                start.Environment.Remove(key);
            }

            foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + fileName);
            using var hang = new CancellationTokenSource(hangLimit);
            var stdout = process.StandardOutput.ReadToEndAsync(hang.Token);
            var stderr = process.StandardError.ReadToEndAsync(hang.Token);
            try
            {
                await process.WaitForExitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
