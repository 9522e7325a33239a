using System.Diagnostics;
using System.Globalization;

namespace HotRepos.App.Cli;

/// <summary>
/// With <c>HOTREPOS_STARTUP_TRACE=1</c>, prints the milliseconds since the process started at each start-up step
/// on stderr (<c>startup: 42.1 ms parsed (GCs so far: 0)</c>), to find what a command spends before and around its work.
/// </summary>
internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("HOTREPOS_STARTUP_TRACE") == "1";
    private static readonly long Started = Stopwatch.GetTimestamp();
    private static readonly double ProcessStartToMain = Enabled ? MillisecondsSinceProcessStart() : 0;

    /// <summary>Writes one step's elapsed time when tracing is on; costs a field read otherwise.</summary>
    public static void Mark(string step)
    {
        if (Enabled)
        {
            var elapsed = ProcessStartToMain + Stopwatch.GetElapsedTime(Started).TotalMilliseconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup: {elapsed,7:F1} ms {step} (GCs so far: {GC.CollectionCount(0)})"));
        }
    }

    private static double MillisecondsSinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return (TimeProvider.System.GetUtcNow() - process.StartTime.ToUniversalTime()).TotalMilliseconds;
    }
}
