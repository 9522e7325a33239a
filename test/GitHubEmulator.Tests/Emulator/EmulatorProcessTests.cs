using System.Diagnostics;

namespace HotRepos.GitHubEmulator.Tests.Emulator;

/// <summary>The emulator as its own process, as <c>dotnet run --project test/GitHubEmulator</c> starts it.</summary>
public sealed class EmulatorProcessTests
{
    [Fact]
    public async Task Emulator_Sigterm_StopsAndExits0()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HotRepos.GitHubEmulator.dll"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        using var emulator = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var banner = await emulator.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith("GitHub emulator listening on http://127.0.0.1:", banner, StringComparison.Ordinal);

            await SendSigtermAsync(emulator.Id, timeout.Token);

            var exited = await Task.WhenAny(emulator.WaitForExitAsync(timeout.Token)) is { IsCompletedSuccessfully: true };
            Assert.True(exited, "the emulator did not exit within a minute of SIGTERM");
            Assert.Equal(0, emulator.ExitCode);
        }
        finally
        {
            if (!emulator.HasExited)
            {
                emulator.Kill(entireProcessTree: true);
            }
        }
    }

    // .NET has no API that sends a signal to another process; kill(1) does.
    private static async Task SendSigtermAsync(int processId, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-s", "TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }
}
