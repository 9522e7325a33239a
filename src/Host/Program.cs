using HotRepos.Host.Cli;
using HotRepos.Host.Web;

namespace HotRepos.Host;

/// <summary>The <c>hotrepos</c> executable: <c>report</c> (one report, now) and <c>serve</c> (API, page, jobs, schedules).</summary>
internal sealed class Program
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args) =>
        new HotReposCli(Console.Out, Console.Error) { UseConsoleLogging = true }.RunAsync(args);

    /// <summary>The service's host; <c>serve</c> runs it and <c>WebApplicationFactory&lt;Program&gt;</c> finds it by this name.</summary>
    public static IHostBuilder CreateHostBuilder(string[] args) => ServeHost.CreateHostBuilder(args);
}
