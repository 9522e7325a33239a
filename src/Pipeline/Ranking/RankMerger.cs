using HotRepos.GitHub;

namespace HotRepos.Ranking;

/// <summary>
/// Merges pages into one ranked list. GitHub pages shift while people star repositories, so a repository
/// can appear on two pages: the first (best) rank wins.
/// </summary>
internal static class RankMerger
{
    /// <param name="pagesInOrder">The pages' items, page 1 first, each in GitHub's order.</param>
    /// <param name="top">The most repositories to keep.</param>
    public static List<RankedRepository> Merge(IEnumerable<IReadOnlyList<GitHubRepository>> pagesInOrder, int top)
    {
        var seen = new HashSet<long>();
        var ranked = new List<RankedRepository>(top);
        foreach (var page in pagesInOrder)
        {
            foreach (var repository in page)
            {
                if (ranked.Count == top)
                {
                    return ranked;
                }

                if (seen.Add(repository.Id))
                {
                    ranked.Add(new RankedRepository(ranked.Count + 1, repository));
                }
            }
        }

        return ranked;
    }
}
