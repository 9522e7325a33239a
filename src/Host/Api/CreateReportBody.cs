using HotRepos.Requests;

namespace HotRepos.App.Api;

/// <summary>The body of <c>POST /api/reports</c>: the request's fields, each optional with the command line's default, and <c>force</c>.</summary>
internal sealed record CreateReportBody : ReportRequestInput
{
    /// <summary>Gets whether to run again although an identical report already succeeded.</summary>
    public bool? Force { get; init; }
}
