using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

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
}
