namespace HotRepos.Sample;

/// <summary>The <c>sort</c> parameter; anything unknown falls back to best match, as GitHub ignores it.</summary>
internal enum SearchSort
{
    BestMatch,
    Stars,
    Forks,
    Updated,
}
