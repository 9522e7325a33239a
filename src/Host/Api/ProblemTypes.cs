namespace HotRepos.App.Api;

/// <summary>A <c>type</c> for the problem statuses ASP.NET Core leaves without one (413, 429), so every problem body has it.</summary>
internal static class ProblemTypes
{
    private static readonly Dictionary<int, string> Types = new()
    {
        [StatusCodes.Status413PayloadTooLarge] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [StatusCodes.Status429TooManyRequests] = "https://tools.ietf.org/html/rfc6585#section-4",
    };

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is null && problem.Status is { } status && Types.TryGetValue(status, out var type))
        {
            problem.Type = type;
        }
    }
}
