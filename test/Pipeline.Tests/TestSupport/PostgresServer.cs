using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HotRepos.Tests.TestSupport;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package, which <c>.ci/run</c> installs) for the tests of one
/// assembly: initdb into a temporary folder, started with <c>pg_ctl</c> on a free loopback port, stopped and removed
/// at the end. Run as root, the server runs as the <c>postgres</c> user (it refuses root). Each test takes a fresh
/// database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hotrepos-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly int _port = FreePort();
    private int _databases;

    /// <summary>
    /// Gets why the PostgreSQL tests are skipped here: PostgreSQL is not installed and this is not CI (CI=true, as
    /// .ci/run sets, where .ci/run installs it, so a missing server fails loudly instead); <see langword="null"/> when they run.
    /// </summary>
    public static string? MissingReason { get; } =
        FindBinDirectory() is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): apt-get install postgresql (bash .ci/run installs it)"
            : null;

    /// <summary>Gets the connection string of the server's maintenance database.</summary>
    public string AdminConnectionString => Connection("postgres");

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        var bin = BinDirectory();
        Directory.CreateDirectory(_root);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", _root);
        }

        var data = Path.Combine(_root, "data");
        await RunAsServerUserAsync(Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");

        // Small and fast: tests need no durability, and the machine is shared.
        var settings = $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            + "-c shared_buffers=16MB -c max_connections=200 -c max_wal_size=64MB";
        await RunAsServerUserAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", settings, "start");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Connection(name);
    }

    public async Task DisposeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsServerUserAsync(Path.Combine(BinDirectory(), "pg_ctl"), "-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database, MaxPoolSize = 20 }.ToString();

    private static string BinDirectory() =>
        FindBinDirectory() ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): apt-get install postgresql, as .ci/run does");

    private static string? FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var versions = Directory.Exists(Root) ? Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "bin", "pg_ctl"))).ToList() : [];
        return versions.Count == 0 ? null : Path.Combine(versions.OrderBy(v => int.TryParse(Path.GetFileName(v), out var n) ? n : 0).Last(), "bin");
    }

    private static Task RunAsServerUserAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share one <see cref="PostgresServer"/>: it starts once per test assembly.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
