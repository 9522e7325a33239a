using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HotRepos.App.Api;

/// <summary>
/// Checks the API key of endpoints marked with <see cref="ApiKeyRequirement"/> (compared in constant time). It runs
/// after routing and before the rate limiter, so a request without the key is refused without using up the create
/// quota of the client whose address it shares.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var api = options.Value;
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequirement>() is not { } requirement
            || !api.KeyRequiredFor(requirement)
            || HasKey(context, api.Key!))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        await TypedResults.Problem($"this endpoint needs the API key in the {HeaderName} header", statusCode: StatusCodes.Status401Unauthorized, title: "API key required")
            .ExecuteAsync(context);
    }

    private static bool HasKey(HttpContext context, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers[HeaderName].ToString()), Encoding.UTF8.GetBytes(expected));
}
