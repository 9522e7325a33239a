namespace HotRepos.App.Api;

internal static class ApiKeyEndpointExtensions
{
    /// <summary>Marks the endpoint for <see cref="ApiKeyMiddleware"/> and documents its 401 (OpenAPI drops it where this server's configuration needs no key).</summary>
    public static RouteHandlerBuilder RequireApiKey(this RouteHandlerBuilder builder, ApiKeyRequirement requirement) =>
        builder.WithMetadata(requirement).ProducesProblem(StatusCodes.Status401Unauthorized);
}
