using System.Globalization;
using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotRepos.App.Api;

/// <summary>
/// What the snapshots of succeeded reports hold: a report's repositories (<c>/api/reports/{id}/repositories</c>), the
/// rising list (<c>/api/rising</c>) and one repository's star history (<c>/api/repositories/{owner}/{name}/history</c>).
/// </summary>
internal static class RepositoriesApi
{
    public static IEndpointRouteBuilder MapRepositories(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/reports/{id}/repositories", ListAsync).WithTags("Reports").WithName("ListReportRepositories").RequireApiKey(ApiKeyRequirement.Read)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .AddOpenApiOperationTransformer(ApiOpenApi.DescribeRepositoriesQueryAsync)
            .WithSummary("The repositories of a succeeded report: filtered by group or text, sorted, paged, with stars gained since the earlier snapshot.");
        routes.MapGet("/api/rising", RisingAsync).WithTags("Repositories").WithName("ListRising").RequireApiKey(ApiKeyRequirement.Read)
            .ProducesValidationProblem()
            .AddOpenApiOperationTransformer(ApiOpenApi.DescribeRisingQueryAsync)
            .WithSummary("Repositories created in the period, ranked by stars gained per day between their two latest snapshots.");
        routes.MapGet("/api/repositories/{owner}/{name}/history", HistoryAsync).WithTags("Repositories").WithName("GetRepositoryHistory").RequireApiKey(ApiKeyRequirement.Read)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A repository's star count at each snapshot, oldest first; an old name of a renamed repository finds it too.");
        return routes;
    }

    // Numbers and names are read as text, so that "limit=abc" is a 400 naming it like every other bad field.
    private static async Task<Results<Ok<RepositoryPageResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id,
        string? group,
        string? q,
        string? sort,
        string? order,
        string? offset,
        string? limit,
        IReportJobs jobs,
        IRepositorySnapshots snapshots,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        var query = new SnapshotQuery
        {
            Group = NullIfEmpty(group),
            Search = NullIfEmpty(q),
            Sort = ParseEnum("sort", sort, SnapshotSort.Rank, errors),
            Descending = ParseOrder(order, errors),
            Offset = ParseNumber("offset", offset, 0, 0, int.MaxValue, errors),
            Limit = ParseNumber("limit", limit, SnapshotQuery.DefaultLimit, 1, SnapshotQuery.MaxLimit, errors),
        };
        if (errors.Count > 0)
        {
            return ValidationProblem(errors);
        }

        if (await jobs.GetAsync(id, cancellationToken) is not { } job)
        {
            return TypedResults.Problem($"no report job has id '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (job.State != JobState.Succeeded)
        {
            return TypedResults.Problem(
                $"report {id} is {job.State}; its repositories exist once it has succeeded",
                statusCode: StatusCodes.Status409Conflict,
                title: job.State.IsFinal() ? "No repositories" : "Report not ready");
        }

        if (await snapshots.GetSnapshotAsync(id, cancellationToken) is not { } snapshot)
        {
            return TypedResults.Problem(
                $"the repositories of report {id} are no longer kept (snapshots older than HotRepos:Jobs:SnapshotRetentionDays are removed, and reports finished before snapshots existed have none); its CSV may still exist",
                statusCode: StatusCodes.Status410Gone,
                title: "Snapshot gone");
        }

        var page = query.Apply(snapshot.Repositories, job.Request.GroupBy);
        return TypedResults.Ok(new RepositoryPageResponse([.. page.Items.Select(r => r.ToResponse())], page.Total));
    }

    private static async Task<Results<Ok<RisingResponse>, ValidationProblem>> RisingAsync(
        string? period,
        string? top,
        string? language,
        string? topic,
        IRepositorySnapshots snapshots,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        var days = ParseEnum("period", period, Period.Week, errors);
        var count = ParseNumber("top", top, RisingList.DefaultTop, 1, RisingList.MaxTop, errors);
        if (errors.Count > 0)
        {
            return ValidationProblem(errors);
        }

        // "Created in the period" as a report of that period reads it: since today (UTC) minus 1, 7 or 30 days.
        var since = days.SinceFor(DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime));
        var latest = await snapshots.GetLatestAsync(new DateTimeOffset(since, TimeOnly.MinValue, TimeSpan.Zero), cancellationToken);
        var rising = RisingList.Rank(latest, NullIfEmpty(language), NullIfEmpty(topic), count);
        return TypedResults.Ok(new RisingResponse([.. rising.Select(r => r.ToResponse(withSince: true))]));
    }

    private static async Task<Results<Ok<HistoryResponse>, ProblemHttpResult>> HistoryAsync(
        string owner, string name, IRepositorySnapshots snapshots, CancellationToken cancellationToken)
    {
        var fullName = $"{owner}/{name}";
        if (await snapshots.GetHistoryAsync(fullName, cancellationToken) is not { } history)
        {
            return TypedResults.Problem($"no snapshot holds a repository named '{fullName}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return TypedResults.Ok(new HistoryResponse(history.Id, history.FullName, [.. history.Points.Select(p => new HistoryPointResponse(p.ObservedAt, p.Stars))]));
    }

    private static TEnum ParseEnum<TEnum>(string field, string? value, TEnum fallback, List<(string, string)> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (EnumText.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        errors.Add((field, $"{field} must be one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}; got '{value}'"));
        return fallback;
    }

    private static bool? ParseOrder(string? value, List<(string, string)> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "asc":
                return false;
            case "desc":
                return true;
            default:
                errors.Add(("order", $"order must be asc or desc; got '{value}'"));
                return null;
        }
    }

    private static int ParseNumber(string field, string? value, int fallback, int min, int max, List<(string, string)> errors)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add((field, max == int.MaxValue
            ? $"{field} must be a whole number, {min} or more; got '{value}'"
            : $"{field} must be a whole number between {min} and {max}; got '{value}'"));
        return fallback;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ValidationProblem ValidationProblem(IEnumerable<(string Field, string Message)> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "Invalid query");
}
