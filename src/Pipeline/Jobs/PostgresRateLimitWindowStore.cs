using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotRepos.GitHub;
using HotRepos.GitHub.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotRepos.Jobs;

/// <summary>
/// The rate-limit window shared by every instance on one PostgreSQL database that calls the same GitHub with the
/// same token: one row per quota, read and written under a row lock, so the instances together spend one quota.
/// </summary>
internal sealed class PostgresRateLimitWindowStore(PostgresJobStore store, IOptions<GitHubOptions> options) : IRateLimitWindowStore
{
    private readonly string _key = QuotaKey(options.Value);

    public T Update<T>(Func<RateLimitWindow, T> change)
    {
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var ensure = new NpgsqlCommand("INSERT INTO github_quota (key, window_json) VALUES (@key, '{}') ON CONFLICT (key) DO NOTHING", connection, transaction))
        {
            ensure.Parameters.AddWithValue("key", _key);
            ensure.ExecuteNonQuery();
        }

        RateLimitWindow window;
        using (var read = new NpgsqlCommand("SELECT window_json FROM github_quota WHERE key = @key FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue("key", _key);
            window = JsonSerializer.Deserialize((string)read.ExecuteScalar()!, JobsJsonContext.Default.RateLimitWindow)!;
        }

        var result = change(window);
        using (var write = new NpgsqlCommand("UPDATE github_quota SET window_json = @window WHERE key = @key", connection, transaction))
        {
            write.Parameters.AddWithValue("key", _key);
            write.Parameters.AddWithValue("window", JsonSerializer.Serialize(window, JobsJsonContext.Default.RateLimitWindow));
            write.ExecuteNonQuery();
        }

        transaction.Commit();
        return result;
    }

    /// <summary>One quota per GitHub address and token; the token itself never reaches the database.</summary>
    private static string QuotaKey(GitHubOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{options.BaseUrl.TrimEnd('/')}\n{options.Token?.Trim()}")));
}
