namespace HotRepos.Sample;

/// <summary>The <c>fork:</c> qualifier. GitHub leaves forks out unless asked.</summary>
internal enum ForkFilter
{
    Exclude,
    Include,
    Only,
}
