using HotRepos.Requests;
namespace HotRepos.Ranking;

/// <summary>Groups ranked repositories by language or topic; groups sorted by name, members in rank order.</summary>
internal static class RepositoryGrouper
{
    public const string UnknownLanguage = "unknown";
    public const string Untagged = "untagged";

    public static List<RepositoryGroup> Group(IReadOnlyList<RankedRepository> ranked, GroupBy groupBy)
    {
        // Case-insensitive keys: "TypeScript" and "typescript" are one group, named as first seen (best rank).
        var groups = new Dictionary<string, List<RankedRepository>>(StringComparer.OrdinalIgnoreCase);
        foreach (var repository in ranked)
        {
            foreach (var name in GroupNames(repository, groupBy))
            {
                if (!groups.TryGetValue(name, out var members))
                {
                    groups[name] = members = [];
                }

                members.Add(repository);
            }
        }

        return groups
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new RepositoryGroup(g.Key, g.Value))
            .ToList();
    }

    /// <summary>The groups one repository belongs to; each topic once, even if GitHub repeats it.</summary>
    public static IEnumerable<string> GroupNames(RankedRepository repository, GroupBy groupBy) =>
        GroupNames(repository.Repository.Language, repository.Repository.Topics, groupBy);

    /// <summary>The groups of a repository with this language and these topics.</summary>
    public static IEnumerable<string> GroupNames(string? language, IReadOnlyList<string> topics, GroupBy groupBy) => groupBy switch
    {
        GroupBy.Language => [string.IsNullOrWhiteSpace(language) ? UnknownLanguage : language],
        GroupBy.Topic => topics.Count == 0
            ? [Untagged]
            : topics.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase).DefaultIfEmpty(Untagged),
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Unknown grouping."),
    };
}
