using HotRepos.Jobs;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests.TestSupport;

/// <summary>A fresh database on the shared <see cref="PostgresServer"/> for one test, and the stores it opened there (each one stands for an instance).</summary>
internal sealed class PostgresDatabase(PostgresServer server) : IAsyncLifetime
{
    private readonly List<PostgresJobStore> _stores = [];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Where PostgreSQL is missing, its tests are skipped (the contract suite's from CreateSut): no database to make.
        if (PostgresServer.MissingReason is null)
        {
            ConnectionString = await server.CreateDatabaseAsync();
        }
    }

    /// <summary>Creates the schema through every store opened so far, as <c>serve</c> does at start.</summary>
    public Task InitializeSchemaAsync() => Task.WhenAll(_stores.Select(s => s.CheckWritableAsync(CancellationToken.None)));

    public PostgresJobStore CreateStore(TimeSpan? lease = null)
    {
        var store = new PostgresJobStore(Options.Create(new JobsOptions
        {
            Store = JobStoreKind.Postgres,
            ConnectionString = ConnectionString,
            LeaseDuration = lease ?? TimeSpan.FromMinutes(1),
        }));
        _stores.Add(store);
        return store;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
