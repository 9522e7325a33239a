namespace HotRepos.Sample;

/// <summary>
/// Evaluates a <see cref="SearchRequest"/> over a catalog. Ordering is total and deterministic: by the sort key,
/// ties broken by id ascending for <c>desc</c>, and the exact reverse for <c>asc</c>. Best match (no sort) ranks
/// like stars desc, since the sample has no text relevance worth modelling.
/// </summary>
internal static class RepositorySearch
{
    /// <summary>All matches of <paramref name="query"/>, in rank order.</summary>
    public static SampleRepository[] Rank(IReadOnlyList<SampleRepository> catalog, SearchQuery query, SearchSort sort = SearchSort.Stars, bool ascending = false)
    {
        var matches = new List<SampleRepository>();
        foreach (var repository in catalog)
        {
            if (query.Matches(repository))
            {
                matches.Add(repository);
            }
        }

        var ranked = matches.ToArray();
        Comparison<SampleRepository> descending = sort switch
        {
            SearchSort.Forks => static (a, b) => Tie(b.Forks.CompareTo(a.Forks), a, b),
            SearchSort.Updated => static (a, b) => Tie(b.UpdatedAt.CompareTo(a.UpdatedAt), a, b),
            _ => static (a, b) => Tie(b.Stargazers.CompareTo(a.Stargazers), a, b),
        };
        Array.Sort(ranked, ascending ? (a, b) => descending(b, a) : descending);
        return ranked;
    }

    /// <summary>The slice of <paramref name="ranked"/> that <paramref name="request"/>'s page shows, never past the 1,000th result.</summary>
    public static ArraySegment<SampleRepository> Page(SampleRepository[] ranked, SearchRequest request)
    {
        var reachable = Math.Min(ranked.Length, SearchRequest.MaxResults);
        var start = Math.Min(request.Offset, reachable);
        var end = Math.Min(start + request.PerPage, reachable);
        return new ArraySegment<SampleRepository>(ranked, start, end - start);
    }

    /// <summary>The last page a client can fetch: GitHub stops at the 1,000th result.</summary>
    public static int LastPage(int totalCount, int perPage)
        => Math.Max(1, (Math.Min(totalCount, SearchRequest.MaxResults) + perPage - 1) / perPage);

    private static int Tie(int byKey, SampleRepository a, SampleRepository b) => byKey != 0 ? byKey : a.Id.CompareTo(b.Id);
}
