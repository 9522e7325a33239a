using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HotRepos.App.Tests.TestSupport;

namespace HotRepos.App.Tests.Serve;

/// <summary>
/// A real <c>hotrepos serve</c> process on a free loopback port, configured only through its environment, as an
/// operator would run it. Its output is kept for failure messages.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    /// <summary>Gets the process id, which is also the id the service sees as its own (dotnet runs it in-process).</summary>
    public int Id => _process.Id;

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = HotReposProcess.StartInfo(workingDirectory, environment, "serve", "--urls", baseUrl.ToString().TrimEnd('/'));
        var serve = new ServeProcess(Process.Start(start)!, baseUrl);
        serve._process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        await serve.WaitUntilHealthyAsync();
        return serve;
    }

    /// <summary>Runs <c>hotrepos serve</c> expecting it to stop on its own (a start-up failure); kills it after <paramref name="timeout"/>.</summary>
    /// <returns>The exit code, or <see langword="null"/> when it was still running at the timeout, and everything it printed.</returns>
    public static async Task<(int? ExitCode, string Output)> RunToExitAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = HotReposProcess.StartInfo(workingDirectory, environment, "serve", "--urls", $"http://127.0.0.1:{FreePort()}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        int? exitCode;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            exitCode = process.ExitCode;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            exitCode = null;
        }

        return (exitCode, await stdout + await stderr);
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        Client.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"hotrepos serve exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/healthz", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"hotrepos serve did not become healthy within 60 s:\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, deadline.Token);
        }
    }
}
