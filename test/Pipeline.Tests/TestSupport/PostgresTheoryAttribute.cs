namespace HotRepos.Tests.TestSupport;

/// <summary>A theory that needs Debian's PostgreSQL: skipped with the reason shown where it is missing, except under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresServer.MissingReason;
}
