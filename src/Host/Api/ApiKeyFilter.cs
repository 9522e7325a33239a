using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HotRepos.App.Api;

/// <summary>When <c>HotRepos:Api:Key</c> is set, the endpoint requires it in <c>X-Api-Key</c> (compared in constant time).</summary>
internal sealed class ApiKeyFilter(IOptions<ApiOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.Key;
        if (string.IsNullOrEmpty(expected))
        {
            return await next(context);
        }

        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return await next(context);
        }

        return TypedResults.Problem($"this endpoint needs the API key in the {HeaderName} header", statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
    }
}
