using HotRepos.Reports;
using HotRepos.Requests;

namespace HotRepos.Jobs;

/// <summary>One report job as the store keeps it. Immutable: every change is a new record, applied by compare-and-set.</summary>
public sealed record JobRecord
{
    /// <summary>Gets the job id: 32 lowercase hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>Gets what to fetch and where to write it, planned once when the job was queued (its reference date fixed then).</summary>
    public required ReportPlan Plan { get; init; }

    /// <summary>Gets what to report.</summary>
    public ReportRequest Request => Plan.Request;

    /// <summary>Gets the report's identity, its file name: two jobs with the same key write the same file.</summary>
    public string RequestKey => Plan.FileName;

    /// <summary>Gets who asked: <c>api</c>, <c>cli</c>, <c>library</c> or <c>schedule:NAME</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Gets the state.</summary>
    public JobState State { get; init; } = JobState.Queued;

    /// <summary>Gets the progress while running, and the final count once finished.</summary>
    public JobProgress Progress { get; init; }

    /// <summary>Gets how many times the job has started; a job resumed after a crash starts again.</summary>
    public int Attempt { get; init; }

    /// <summary>Gets when the job was queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the current attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the job reached a final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the report, once succeeded.</summary>
    public ReportResult? Result { get; init; }

    /// <summary>Gets why the job failed or was cancelled, in words a user understands.</summary>
    public string? Error { get; init; }
}
