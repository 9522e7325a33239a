namespace HotRepos.Tests.TestSupport;

/// <summary>A test that needs Debian's PostgreSQL: skipped with the reason shown where it is missing, except under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresServer.MissingReason;
}
