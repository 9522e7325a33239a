using System.Globalization;
using System.Text.Json;
using HotRepos.Jobs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using HotRepos.Requests;
using HotRepos.Reports;

namespace HotRepos.App.Api;

/// <summary><c>/api/reports</c>: queue a report, follow it, download it, cancel it.</summary>
internal static class ReportsApi
{
    public const string CreatePolicy = "create-report";
    public const int MaxListLimit = 200;
    public const int DefaultListLimit = 20;

    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reports").WithTags("Reports");
        group.MapPost("/", CreateAsync).WithName("CreateReport").RequireRateLimiting(CreatePolicy).RequireApiKey(ApiKeyRequirement.Write)
            .Accepts<CreateReportBody>("application/json")
            .Produces<JobResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Queue a report; answers 202 with the job at once.");
        group.MapGet("/", ListAsync).WithName("ListReports").RequireApiKey(ApiKeyRequirement.Read)
            .AddOpenApiOperationTransformer(ApiOpenApi.DescribeListQueryAsync)
            .WithSummary("Jobs, newest first.");
        group.MapGet("/{id}", GetAsync).WithName("GetReport").RequireApiKey(ApiKeyRequirement.Read)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One job: state, progress, times, warnings, error, links.");
        group.MapGet("/{id}/csv", DownloadAsync).WithName("DownloadReport").RequireApiKey(ApiKeyRequirement.Read)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The CSV of a succeeded job.");
        group.MapDelete("/{id}", CancelAsync).WithName("CancelReport").RequireApiKey(ApiKeyRequirement.Write)
            .Produces<JobResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a queued or running job.");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IReportJobs jobs, TimeProvider timeProvider, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(context, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (ReportPlan.TryCreate(body!, today, out var errors) is not { } plan)
        {
            return ValidationProblem(errors.Select(e => (e.Field, e.Message)));
        }

        try
        {
            var queued = await jobs.EnqueueAsync(plan, JobOrigins.Api, body!.Force ?? false, cancellationToken);
            var response = queued.Job.ToResponse(await jobs.ListDeliveriesAsync([queued.Job.Id], cancellationToken));
            return TypedResults.Accepted(response.Links.Self, response);
        }
        catch (QueueFullException ex)
        {
            context.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Queue full");
        }
    }

    // limit is read as text so that "limit=abc" is a 400 naming it, like every other bad field (OpenAPI still says integer).
    private static async Task<Results<Ok<IReadOnlyList<JobResponse>>, ValidationProblem>> ListAsync(
        IReportJobs jobs, string? state, string? limit, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        JobState? filter = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (EnumText.TryParse<JobState>(state, out var parsed))
            {
                filter = parsed;
            }
            else
            {
                errors.Add(("state", $"state must be one of {string.Join(", ", Enum.GetNames<JobState>())}; got '{state}'"));
            }
        }

        var count = DefaultListLimit;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxListLimit))
        {
            errors.Add(("limit", $"limit must be a whole number between 1 and {MaxListLimit}; got '{limit}'"));
        }

        if (errors.Count > 0)
        {
            return ValidationProblem(errors);
        }

        var list = await jobs.ListAsync(filter, count, cancellationToken);
        var deliveries = await jobs.ListDeliveriesAsync(list.Select(j => j.Id).ToList(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<JobResponse>>(list.Select(j => j.ToResponse(deliveries)).ToList());
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(string id, IReportJobs jobs, CancellationToken cancellationToken) =>
        await jobs.GetAsync(id, cancellationToken) is { } job
            ? TypedResults.Ok(job.ToResponse(await jobs.ListDeliveriesAsync([job.Id], cancellationToken)))
            : NotFound(id);

    private static async Task<IResult> DownloadAsync(string id, IReportJobs jobs, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(id, cancellationToken) is not { } job)
        {
            return NotFound(id);
        }

        if (job.State != JobState.Succeeded || job.Result is null)
        {
            return TypedResults.Problem(
                NoCsvReason(id, job.State),
                statusCode: StatusCodes.Status409Conflict,
                title: job.State.IsFinal() ? "No CSV" : "Report not ready");
        }

        // The path comes from the job record, never from the client.
        var path = job.Result.FilePath;
        if (File.Exists(path))
        {
            return TypedResults.PhysicalFile(path, "text/csv; charset=utf-8", Path.GetFileName(path));
        }

        // Written by another instance sharing the PostgreSQL store: its copy is kept with the job.
        return await jobs.ReadCsvAsync(job, cancellationToken) is { } csv
            ? TypedResults.File(csv, "text/csv; charset=utf-8", Path.GetFileName(path))
            : TypedResults.Problem($"the CSV of report {id} no longer exists (removed by retention)", statusCode: StatusCodes.Status404NotFound, title: "File gone");
    }

    private static async Task<IResult> CancelAsync(string id, IReportJobs jobs, CancellationToken cancellationToken)
    {
        var cancelled = await jobs.CancelAsync(id, cancellationToken);
        return cancelled.Outcome switch
        {
            CancelOutcome.NotFound => NotFound(id),
            CancelOutcome.AlreadyFinished => TypedResults.Problem($"report {id} has already finished ({cancelled.Job!.State})", statusCode: StatusCodes.Status409Conflict, title: "Already finished"),
            _ => TypedResults.Accepted($"/api/reports/{id}", (await jobs.GetAsync(id, cancellationToken) ?? cancelled.Job!).ToResponse(await jobs.ListDeliveriesAsync([id], cancellationToken))),
        };
    }

    /// <summary>Reads the body by hand so that a bad field is named ("top": not a number) and an oversized body is a 413.</summary>
    private static async Task<(CreateReportBody? Body, IResult? Problem)> ReadBodyAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (!context.Request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("the body must be JSON (Content-Type: application/json)", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, ApiJsonContext.Default.CreateReportBody, cancellationToken);
            return body is null ? (null, ValidationProblem([("body", "the body must be a JSON object")])) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, ValidationProblem([BodyError(ex)]));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (IOException)
        {
            // Kestrel refuses a body it cannot decode: a chunk size such as "zz" is a BadHttpRequestException (an
            // IOException), one too large for 32 bits a plain IOException. Either way the client's bytes are at fault.
            return (null, ValidationProblem([("body", "the body could not be read: its chunked transfer encoding is malformed or it ended early")]));
        }
    }

    private static string NoCsvReason(string id, JobState state) => state switch
    {
        JobState.Failed => $"report {id} failed and has no CSV; its error says why, and a new POST runs it again",
        JobState.Cancelled => $"report {id} was cancelled and has no CSV; a new POST runs it again",
        _ => $"report {id} is {state}; its CSV exists once it has succeeded",
    };

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        TypedResults.Problem($"the body must be at most {maxBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"no report job has id '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static ValidationProblem ValidationProblem(IEnumerable<(string Field, string Message)> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "Invalid report request");

    /// <summary>Names the field a JSON error is about and what it must be, without .NET type names.</summary>
    private static (string Field, string Message) BodyError(JsonException error)
    {
        var field = error.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        if (error.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var unknown = error.Message.Split('\'', 3) is [_, var name, _] ? name : field ?? "body";
            return (unknown, $"unknown field '{unknown}'; the fields are {string.Join(", ", BodyFields.Keys)}");
        }

        if (field is not null && BodyFields.TryGetValue(field, out var expected))
        {
            return (field, $"{field} must be {expected}");
        }

        return ("body", "the body must be a JSON object like {\"period\": \"week\", \"top\": 500}");
    }

    private static readonly Dictionary<string, string> BodyFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["period"] = "a string: day, week or month",
        ["since"] = "a string: a date written yyyy-MM-dd",
        ["date"] = "a string: the reference date, written yyyy-MM-dd",
        ["top"] = "a whole number from 1 to 10000",
        ["groupBy"] = "a string: language or topic",
        ["layout"] = "a string: grouped, ranked or summary",
        ["language"] = "a string",
        ["topic"] = "a string",
        ["minStars"] = "a whole number, 0 or more",
        ["force"] = "true or false",
    };
}
