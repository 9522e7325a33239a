using HotRepos.Jobs;

namespace HotRepos.Tests.Jobs;

public sealed class ClientTextTests
{
    [Theory]
    [InlineData("cannot write /srv/hotrepos/reports/x.csv: Is a directory : '/srv/hotrepos/reports/x.csv'", "cannot write x.csv: Is a directory : 'x.csv'")]
    [InlineData(@"cannot write C:\hotrepos\reports\x.csv: denied", "cannot write x.csv: denied")]
    [InlineData("Access to the path \"/var/lib/hotrepos/data/hotrepos.db\" is denied.", "Access to the path \"hotrepos.db\" is denied.")]
    public void HidePaths_AbsolutePath_KeepsOnlyTheFileName(string text, string expected) =>
        Assert.Equal(expected, ClientText.HidePaths(text));

    [Theory]
    [InlineData("GitHub answered 404 Not Found for https://ghe.example/api/v3/search/repositories: check the base URL")]
    [InlineData("query rejected by GitHub (422): created:>=2026-11-13 language:c++")]
    [InlineData("read / write")]
    public void HidePaths_NoAbsolutePath_LeavesTheTextAlone(string text) =>
        Assert.Equal(text, ClientText.HidePaths(text));
}
