namespace HotRepos.Host.Api;

/// <summary>The body of <c>POST /api/reports</c>; every field is optional and takes the command line's default.</summary>
internal sealed record CreateReportBody(
    string? Period,
    string? Since,
    string? Date,
    int? Top,
    string? GroupBy,
    string? Layout,
    string? Language,
    string? Topic,
    int? MinStars,
    bool? Force);
