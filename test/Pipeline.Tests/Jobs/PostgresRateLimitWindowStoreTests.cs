using HotRepos.GitHub;
using HotRepos.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotRepos.Tests.Jobs;

/// <summary>The rate-limit window kept in PostgreSQL: one per GitHub address and token, shared by every instance.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresRateLimitWindowStoreTests(PostgresServer server) : IAsyncLifetime
{
    private const string Token = "ghp_secret-token-value";
    private readonly PostgresDatabase _database = new(server);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [PostgresFact]
    public async Task Update_TwoInstancesOnTheSameQuota_SeeEachOthersRequests()
    {
        var first = CreateSut(Token);
        var second = CreateSut(Token);
        await _database.InitializeSchemaAsync(); // as serve does at start, before any request

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).Update(w => ++w.Sent))));

        Assert.Equal(20, first.Update(w => w.Sent));
    }

    [PostgresFact]
    public void Update_AnotherToken_HasAWindowOfItsOwn()
    {
        var mine = CreateSut(Token);
        var other = CreateSut("another-token");

        mine.Update(w => w.Sent = 5);

        Assert.Equal(0, other.Update(w => w.Sent));
    }

    [PostgresFact]
    public void Update_ChangeThrows_KeepsTheWindowAsItWas()
    {
        var sut = CreateSut(Token);
        sut.Update(w => w.Sent = 3);

        Assert.Throws<InvalidOperationException>(() => sut.Update<int>(w =>
        {
            w.Sent = 99;
            throw new InvalidOperationException("refused");
        }));

        Assert.Equal(3, sut.Update(w => w.Sent));
    }

    [PostgresFact]
    public async Task Update_AnyChange_StoresNoToken()
    {
        CreateSut(Token).Update(w => w.Sent = 1);

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key || window_json FROM github_quota", connection);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain(Token, stored, StringComparison.Ordinal);
    }

    private PostgresRateLimitWindowStore CreateSut(string token)
    {
        return new PostgresRateLimitWindowStore(_database.CreateStore(), Options.Create(new GitHubOptions { Token = token }));
    }
}
