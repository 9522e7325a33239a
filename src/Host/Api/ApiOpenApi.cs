using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using HotRepos.Reports;

namespace HotRepos.App.Api;

/// <summary>What the generated OpenAPI document cannot know by itself: which operations this server's configuration protects with the key, and the list's query types.</summary>
internal static class ApiOpenApi
{
    private const string ApiKeyScheme = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(DescribeApiKeyAsync);
        options.AddDocumentTransformer(AddApiKeySchemeAsync);
    }

    /// <summary>Keeps the 401 of an operation only where this server needs the key for it.</summary>
    private static Task DescribeApiKeyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var requirement = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyRequirement>().LastOrDefault();
        var options = context.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        if (requirement is null || !options.KeyRequiredFor(requirement))
        {
            operation.Responses?.Remove(StatusCodes.Status401Unauthorized.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Task.CompletedTask;
    }

    /// <summary>Declares the <c>X-Api-Key</c> scheme and requires it on every operation that documents a 401.</summary>
    private static Task AddApiKeySchemeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(context.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value.Key))
        {
            return Task.CompletedTask;
        }

        document.AddComponent<IOpenApiSecurityScheme>(ApiKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyMiddleware.HeaderName,
            Description = "The key set in HotRepos:Api:Key.",
        });
        var operations = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []);
        foreach (var operation in operations.Where(o => o.Responses?.ContainsKey("401") == true))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
        }

        return Task.CompletedTask;
    }

    /// <summary><c>limit</c> is bound as text (so a bad value is a 400 naming it) but is a whole number to clients.</summary>
    public static Task DescribeListQueryAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Name == "limit")
            {
                parameter.Description = $"How many jobs, 1 to {ReportsApi.MaxListLimit}; {ReportsApi.DefaultListLimit} when absent.";
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "1",
                    Maximum = ReportsApi.MaxListLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(ReportsApi.DefaultListLimit),
                };
            }
            else if (parameter.Name == "state")
            {
                parameter.Description = "Only jobs in this state (Queued, Running, Succeeded, Failed or Cancelled; any case).";
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The repositories query: numbers bound as text (a bad value is a 400 naming it), described as numbers, and the allowed names.</summary>
    public static Task DescribeRepositoriesQueryAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        Describe(operation, "group", "Only this group of the report's grouping (a language or `unknown`; a topic or `untagged`), any case.");
        Describe(operation, "q", "Only repositories whose full name, description or a topic contains this text, any case.");
        Describe(operation, "sort", "rank (default), stars, gained, name or created.", "rank", "stars", "gained", "name", "created");
        Describe(operation, "order", "asc or desc; by default asc for rank and name, desc for stars, gained and created (repositories without a gain come last either way).", "asc", "desc");
        DescribeNumber(operation, "offset", "How many matching repositories to skip; 0 when absent.", 0, null, 0);
        DescribeNumber(operation, "limit", $"How many repositories, 1 to {SnapshotQuery.MaxLimit}; {SnapshotQuery.DefaultLimit} when absent.", 1, SnapshotQuery.MaxLimit, SnapshotQuery.DefaultLimit);
        return Task.CompletedTask;
    }

    /// <summary>The rising query, described as <see cref="DescribeRepositoriesQueryAsync"/> is.</summary>
    public static Task DescribeRisingQueryAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        Describe(operation, "period", "Repositories created since today (UTC) minus 1, 7 or 30 days: day, week (default) or month.", "day", "week", "month");
        DescribeNumber(operation, "top", $"How many repositories, 1 to {RisingList.MaxTop}; {RisingList.DefaultTop} when absent.", 1, RisingList.MaxTop, RisingList.DefaultTop);
        Describe(operation, "language", "Only this primary language, any case.");
        Describe(operation, "topic", "Only repositories with this topic, any case.");
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiOperation operation, string name, string description, params string[] values)
    {
        if ((operation.Parameters ?? []).OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name) is { } parameter)
        {
            parameter.Description = description;
            if (values.Length > 0)
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };
            }
        }
    }

    private static void DescribeNumber(OpenApiOperation operation, string name, string description, int minimum, int? maximum, int fallback)
    {
        if ((operation.Parameters ?? []).OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name) is { } parameter)
        {
            parameter.Description = description;
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Default = JsonValue.Create(fallback),
            };
        }
    }
}
