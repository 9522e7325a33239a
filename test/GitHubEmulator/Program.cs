using HotRepos.GitHubEmulator;

EmulatorOptions options;
try
{
    options = EmulatorArguments.Parse(args);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(EmulatorArguments.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var server = await GitHubEmulatorServer.StartAsync(options, stop.Token);
Console.WriteLine($"GitHub emulator listening on {server.BaseUrl} (Enterprise: {server.EnterpriseBaseUrl}); today {server.Today:yyyy-MM-dd}, {server.Catalog.Count} repositories. Ctrl+C to stop.");
try
{
    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
