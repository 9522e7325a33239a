using HotRepos.Host.Cli;

namespace HotRepos.Host;

internal static class Program
{
    public static Task<int> Main(string[] args) =>
        new HotReposCli(Console.Out, Console.Error) { UseConsoleLogging = true }.RunAsync(args);
}
