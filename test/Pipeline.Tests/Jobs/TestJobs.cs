using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Requests;
using HotRepos.Ranking;

namespace HotRepos.Tests.Jobs;

/// <summary>Job records and requests for tests.</summary>
internal static class TestJobs
{
    /// <summary>The emulator's "today", and the reference date of the requests below.</summary>
    public static readonly DateOnly Today = new(2026, 11, 20);

    /// <summary>A time with microseconds, to show stores keep them.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 20, 8, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>A small request (one page for top up to 100) dated on the emulator's today.</summary>
    public static ReportRequest Request(int top = 10, Period period = Period.Month) =>
        new() { Period = period, ReferenceDate = Today, Top = top };

    /// <summary>The key <see cref="IReportJobs"/> gives <paramref name="request"/>.</summary>
    public static string KeyOf(ReportRequest request) => ReportPlan.Create(request, Today).FileName;

    /// <summary>A new job id: 32 lowercase hex digits.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static JobRecord Job(
        string? id = null,
        string key = "key-a",
        JobState state = JobState.Queued,
        DateTimeOffset? createdAt = null,
        ReportRequest? request = null) => new()
        {
            Id = id ?? NewId(),
            Plan = Plan(request ?? Request(), key),
            Origin = "test",
            State = state,
            CreatedAt = createdAt ?? T0,
        };

    /// <summary>A plan of <paramref name="request"/> whose file name, the job's key, is <paramref name="key"/>.</summary>
    public static ReportPlan Plan(ReportRequest request, string key) => ReportPlan.Create(request, Today) with { FileName = key };

    /// <summary>A record with every field set, none at its default.</summary>
    public static JobRecord FullJob() => new()
    {
        Id = NewId(),
        Plan = ReportPlan.Create(
            new ReportRequest
            {
                Since = new DateOnly(2026, 11, 1),
                ReferenceDate = Today,
                Top = 123,
                GroupBy = GroupBy.Topic,
                Layout = CsvLayout.Ranked,
                Language = "C++",
                Topic = "machine-learning",
                MinStars = 42,
            },
            Today),
        Origin = "schedule:nightly",
        State = JobState.Succeeded,
        Progress = new JobProgress(2, 3),
        Attempt = 2,

        // Not UTC on purpose: the instant must survive, whatever offset it was written with.
        CreatedAt = T0.ToOffset(TimeSpan.FromHours(2)),
        StartedAt = T0.AddTicks(15_670),
        FinishedAt = T0.AddMinutes(3).AddTicks(8_910),
        Result = new ReportResult(
            "/tmp/hotrepos/report.csv",
            new DateOnly(2026, 11, 1),
            Repositories: 120,
            Groups: 7,
            TotalMatches: 98_765,
            PagesFetched: 3,
            Warnings: ["page 2 incomplete", "another warning"],
            Elapsed: TimeSpan.FromTicks(12_345_678))
        {
            TopGroups = [new GroupSummary("Rust", 80, 12_345_678_901), new GroupSummary("C++", 40, 7)],
        },
        Error = "partly \"quoted\" error\nwith a second line",
    };
}
