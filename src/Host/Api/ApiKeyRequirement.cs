namespace HotRepos.App.Api;

/// <summary>
/// Endpoint metadata: the endpoint may need the API key (<c>X-Api-Key</c>). Writes need it whenever a key is set,
/// reads only with <c>RequireKeyForReads</c>. Checked by <see cref="ApiKeyMiddleware"/>, before rate limiting.
/// </summary>
internal sealed record ApiKeyRequirement(bool IsRead)
{
    public static readonly ApiKeyRequirement Read = new(IsRead: true);

    public static readonly ApiKeyRequirement Write = new(IsRead: false);
}
