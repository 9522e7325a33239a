using System.Text.Json.Serialization;

namespace HotRepos.App.Api;

/// <summary>A repository of a report or of the rising list (CONTRACT-12's repository item).</summary>
internal sealed record RepositoryResponse(
    long Id,
    int Rank,
    string FullName,
    string HtmlUrl,
    string? Description,
    int Stars,
    int Forks,
    int OpenIssues,
    int? StarsGained,
    double? StarsPerDay,
    string? Language,
    IReadOnlyList<string> Topics,
    DateTimeOffset CreatedAt)
{
    /// <summary>Gets when the earlier snapshot was taken; only in the rising list.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Since { get; init; }
}
