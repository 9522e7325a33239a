namespace HotRepos.GitHubEmulator;

internal static class Program
{
    public static int Main() => 0;
}
