namespace HotRepos.GitHubEmulator.Tests.Emulator;

/// <summary>One fault-free emulator shared by the read-only query tests; generous limits so they never throttle.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    internal GitHubEmulatorServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
        => Server = await GitHubEmulatorServer.StartAsync(
            new EmulatorOptions { Today = TestData.Today, AuthenticatedRateLimit = 100_000, AnonymousRateLimit = 100_000 },
            CancellationToken.None);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
