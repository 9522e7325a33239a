using System.Diagnostics;
using System.Globalization;
using HotRepos.GitHubEmulator;

namespace HotRepos.Benchmarks;

/// <summary>
/// Benchmark 6 (wall clock, whole processes): the published <c>hotrepos report --period week --top 500 --layout ranked</c>
/// against the emulator at 200 ms ± 50 ms per page, alternating with a seed-style Python peer
/// (<c>benchmarks/python/hot_repos.py</c>: 5 threads, the same query and CSV columns). Prints per-run wall times,
/// medians and the ratio hotrepos ÷ python (target ≤ 1.0, stretch ≤ 0.8), plus the medians of
/// <c>hotrepos --version</c> and <c>hotrepos report --source sample</c>.
/// Options: <c>--runs N</c> (default 7), <c>--hotrepos PATH</c> (default: the publish folder), <c>--python PATH</c> (default python3),
/// <c>--trace N</c> (afterwards, N runs of the emulator report with <c>HOTREPOS_STARTUP_TRACE=1</c>, their step times printed),
/// <c>--keep</c> (keep the CSV files of the last run, to compare the two peers' output).
/// </summary>
internal static class ProcessMode
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(50);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Stats.IntOption(args, "--runs", 7);
        var traces = Stats.IntOption(args, "--trace", 0);
        var keep = args.Contains("--keep");
        var root = RepositoryRoot();
        var hotrepos = StringOption(args, "--hotrepos")
            ?? Path.Combine(root, "src", "Host", "bin", "Release", "net10.0", "linux-x64", "publish", "hotrepos");
        var python = StringOption(args, "--python") ?? "python3";
        var script = Path.Combine(root, "benchmarks", "python", "hot_repos.py");
        if (!File.Exists(hotrepos))
        {
            await Console.Error.WriteLineAsync($"The published hotrepos was not found at {hotrepos}. Run `dotnet publish src/Host -c Release` first (alone: not while another restore or build of this checkout runs), or pass --hotrepos PATH.");
            return 2;
        }

        if (!File.Exists(script))
        {
            await Console.Error.WriteLineAsync($"The Python peer was not found at {script}.");
            return 2;
        }

        await using var server = await GitHubEmulatorServer.StartAsync(
            new EmulatorOptions { AnonymousRateLimit = 1_000_000, AuthenticatedRateLimit = 1_000_000 },
            CancellationToken.None);
        var url = server.BaseUrl.ToString();
        var output = Path.Combine(Path.GetTempPath(), "hotrepos-process-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Process level: {runs} runs each (+1 warm-up each), alternating; emulator {url} at {Latency.TotalMilliseconds} ms ± {Jitter.TotalMilliseconds} ms per page");
        string[] hotreposReport = [hotrepos, "report", "--period", "week", "--top", "500", "--layout", "ranked", "--github-url", url, "--out", Path.Combine(output, "hotrepos"), "-q"];
        string[] pythonReport = [python, script, "--github-url", url, "--out", Path.Combine(output, "python")];
        string[] version = [hotrepos, "--version"];
        string[] sample = [hotrepos, "report", "--source", "sample", "-q", "--out", Path.Combine(output, "sample")];
        foreach (var command in new[] { hotreposReport, pythonReport, version, sample })
        {
            Console.WriteLine("  $ " + string.Join(' ', command));
        }

        var hotreposWalls = new List<double>();
        var pythonWalls = new List<double>();
        var versionWalls = new List<double>();
        var sampleWalls = new List<double>();
        try
        {
            for (var run = 0; run <= runs; run++)
            {
                // Seed per run: both peers see the same page latencies in their n-th run.
                server.Faults = new FaultOptions { Latency = Latency, Jitter = Jitter, Seed = run };
                var h = await TimeAsync(hotreposReport);
                var p = await TimeAsync(pythonReport);
                var v = await TimeAsync(version);
                var s = await TimeAsync(sample);
                var label = run == 0 ? "warm-up" : run.ToString(CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {label,7}: hotrepos report {h,6:F0} ms, python {p,6:F0} ms, ratio {h / p:F2}; --version {v,4:F0} ms, report --source sample {s,4:F0} ms"));
                if (run == 0)
                {
                    continue;
                }

                hotreposWalls.Add(h);
                pythonWalls.Add(p);
                versionWalls.Add(v);
                sampleWalls.Add(s);
            }
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"  kept the output in {output}");
            }
            else if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }

        for (var trace = 1; trace <= traces; trace++)
        {
            var faults = new FaultOptions { Latency = Latency, Jitter = Jitter, Seed = trace };
            server.Faults = faults;
            var steps = new List<string>();
            var wall = await TimeAsync(hotreposReport, steps);

            // The emulator's delay for each of the 5 pages (a pure function of seed, q and page): what bounds the search.
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var q = string.Create(CultureInfo.InvariantCulture, $"created:{today.AddDays(-7):yyyy-MM-dd}..{today:yyyy-MM-dd}");
            var planner = new FaultPlanner();
            var slowest = Enumerable.Range(1, 5).Max(page => planner.Decide(faults, q, SamplePages.PerPage, page).Delay.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  traced run {trace} (HOTREPOS_STARTUP_TRACE=1), wall {wall:F0} ms, slowest page's emulator delay {slowest:F0} ms:"));
            steps.ForEach(step => Console.WriteLine("    " + step));
        }

        var ratio = Stats.Median(hotreposWalls) / Stats.Median(pythonWalls);
        var verdict = ratio <= 0.8 ? "target ≤ 1.0 and stretch ≤ 0.8 met" : ratio <= 1.0 ? "target ≤ 1.0 met, stretch ≤ 0.8 missed" : "target ≤ 1.0 MISSED";
        Console.WriteLine();
        Console.WriteLine("| command | wall ms (min / median / max) |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| `hotrepos report --period week --top 500 --layout ranked` (emulator) | {Stats.MinMedMax(hotreposWalls)} |");
        Console.WriteLine($"| `python3 hot_repos.py` (emulator) | {Stats.MinMedMax(pythonWalls)} |");
        Console.WriteLine($"| `hotrepos --version` | {Stats.MinMedMax(versionWalls)} |");
        Console.WriteLine($"| `hotrepos report --source sample` | {Stats.MinMedMax(sampleWalls)} |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hotrepos ÷ python (medians): {ratio:F2} ({verdict})"));
        return ratio <= 1.0 ? 0 : 1;
    }

    private static async Task<double> TimeAsync(string[] command, List<string>? trace = null)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        if (trace is not null)
        {
            start.Environment["HOTREPOS_STARTUP_TRACE"] = "1";
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await stdout;
        var errors = await stderr;
        trace?.AddRange(errors.Split('\n').Where(line => line.StartsWith("startup:", StringComparison.Ordinal)));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', command)}` exited with {process.ExitCode}: {errors}");
        }

        return wall;
    }

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The folder holding HotRepos.sln, found upwards from the benchmark's binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HotRepos.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
