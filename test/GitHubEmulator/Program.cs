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
Console.WriteLine($"GitHub emulator listening on {server.BaseUrl} (Enterprise: {server.EnterpriseBaseUrl}); today {server.Today:yyyy-MM-dd}, {server.Catalog.Count} repositories. Ctrl+C or SIGTERM to stop.");
try
{
    // SIGTERM stops the host (its console lifetime) without raising CancelKeyPress: wait for either.
    using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, server.Stopping);
    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stopping.Token);
}
catch (OperationCanceledException)
{
}

return 0;
